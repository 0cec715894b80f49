import { readFileSync } from 'node:fs';
import { importJWK, type JWK, SignJWT } from 'jose';
import { beforeAll, describe, expect, it } from 'vitest';
import { LOCAL_AUDIENCE, LOCAL_ISSUER } from '../../infra/local/issuer.ts';
import {
  consoleSignIn,
  emailsTo,
  getJson,
  issuer,
  linkIn,
  platform,
  postJson,
  request,
  type SentEmail,
  uniqueEmail,
  waitForEmails,
} from './support.ts';

// Imported after support.ts has pointed the adapters at the local engines.
const { store } = await import('../../functions/adapters/dynamodb/store.ts');

/**
 * Each defect found by driving the platform as a hostile user would, reproduced: over-long ids,
 * type confusion, open redirects, control characters, ids in another case, dates the calendar
 * cannot express, missing configuration, wrong content types, cache and security headers,
 * CSRF origins, tokens without expiry or of the wrong use, unverified registrations that never
 * expire.
 */
const FROM = '127.0.0.61';
let ip = 0;
const anyIp = () => `127.0.61.${(ip++ % 250) + 1}`;
let secretariat: Record<string, string>;
let cookie: string;
const DAY = 86_400_000;

beforeAll(async () => {
  const local = await issuer();
  secretariat = { authorization: `Bearer ${await local.sign({ email: 'officer@itu.int', roles: ['secretariat'] })}` };
  cookie = (await consoleSignIn('secretariat@demo.u4ssc.local', FROM)).cookie;
});

let counter = 0;
async function createMeeting(overrides: Record<string, unknown> = {}) {
  const start = new Date(Date.now() + 20 * DAY);
  const response = await postJson(
    '/api/meetings',
    {
      meetingId: `it-hostile-${counter++}-${Math.random().toString(36).slice(2, 6)}`,
      number: 500 + counter,
      title: 'Hostile input meeting',
      organisers: ['ITU'],
      format: 'virtual',
      startsAt: start.toISOString(),
      endsAt: new Date(start.getTime() + 3_600_000).toISOString(),
      languages: ['en'],
      ...overrides,
    },
    FROM,
    secretariat,
  );
  return response;
}

const person = (email: string) => ({
  name: 'Amina Diallo',
  email,
  organisation: 'Ministry',
  category: 'member-state',
  country: 'SN',
  title: 'Director',
  privacyConsent: true,
});

/** A verified registration: its id and the self-service token. */
async function verifiedRegistration(meetingId: string) {
  const email = uniqueEmail('hostile');
  expect((await postJson(`/api/meetings/${meetingId}/registrations`, person(email), anyIp())).status).toBe(202);
  const [mail] = await waitForEmails(email, /Confirm your registration/);
  const link = new URL(linkIn(mail as SentEmail, '/verify'));
  const token = link.searchParams.get('token') ?? '';
  const registrationId = link.pathname.split('/')[4] ?? '';
  const verified = await request('POST', `${link.pathname}${link.search}`, {
    from: anyIp(),
    body: new URLSearchParams({ token }).toString(),
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
  });
  expect(verified.status).toBe(303);
  const manage = new URL(
    linkIn((await waitForEmails(email, /Registration confirmed|approved/i))[0] as SentEmail, '/registrations/'),
  );
  return {
    email,
    registrationId,
    manageToken: manage.searchParams.get('token') ?? '',
    path: link.pathname.replace(/\/verify$/, ''),
  };
}

const registrationItem = async (meetingId: string, registrationId: string) =>
  (await store().entities.registration.get({ meetingId, registrationId }).go()).data;

describe('1. ids in paths are checked at the edge', () => {
  it.each([
    `/api/meetings/${'A'.repeat(2100)}`,
    `/meetings/${'A'.repeat(2100)}`,
    `/meetings/u4ssc-demo/registrations/${'b'.repeat(1001)}`,
    `/meetings/u4ssc-demo/registrations/${'b'.repeat(1001)}/data.json?token=x`,
    `/circulars/${'c'.repeat(3000)}/en.pdf`,
    '/api/meetings/%F0%9F%98%80',
    '/api/meetings/a%00b',
  ])('%s → 404 naming the parameter, never a 5xx', async (path) => {
    const response = await request('GET', path, { from: FROM });
    expect(response.status, response.text.slice(0, 200)).toBe(404);
    expect(Object.keys(response.json<{ errors: object }>().errors)).toHaveLength(1);
  });

  it('an over-long id on a write is a 404 too, before the rate limit or the database', async () => {
    const response = await postJson(
      `/meetings/u4ssc-demo/registrations/${'b'.repeat(1001)}/withdraw`,
      { token: 'x' },
      anyIp(),
    );
    expect(response.status).toBe(404);
    expect(response.json()).toMatchObject({ errors: { registrationId: expect.any(String) } });
  });
});

describe('2. type confusion is a 400 naming the field, and changes nothing', () => {
  it.each(['withdraw', 'update', 'verify', 'delete'])('{"token":{"toString":1}} to %s', async (action) => {
    const { registrationId, path } = await verifiedRegistration('u4ssc-demo');
    const before = await registrationItem('u4ssc-demo', registrationId);
    const response = await postJson(`${path}/${action}`, { token: { toString: 1 }, confirm: true }, anyIp());
    expect(response.status).toBe(400);
    expect(response.json()).toMatchObject({ errors: { token: expect.any(String) } });
    expect(await registrationItem('u4ssc-demo', registrationId)).toEqual(before);
  });

  it('unknown fields are refused by name', async () => {
    const response = await postJson(
      '/api/meetings/u4ssc-demo/registrations',
      { ...person(uniqueEmail('x')), isAdmin: true },
      anyIp(),
    );
    expect(response.status).toBe(400);
    expect(response.json()).toMatchObject({ errors: { isAdmin: expect.any(String) } });
  });

  it('the console resend reads its form before queueing: a refused resend sends nothing', async () => {
    const { email } = await verifiedRegistration('u4ssc-demo');
    const log = await request('GET', `/console/emails?recipient=${encodeURIComponent(email)}`, {
      from: FROM,
      headers: { cookie },
    });
    const messageId = /action="\/console\/emails\/([^"]+)\/resend"/.exec(log.text)?.[1] ?? '';
    expect(messageId).not.toBe('');
    const sentBefore = (await emailsTo(email)).length;
    const refused = await request('POST', `/console/emails/${messageId}/resend`, {
      from: FROM,
      body: JSON.stringify({ back: { toString: 1 } }),
      headers: { cookie, origin: platform.baseUrl, 'content-type': 'application/json' },
    });
    expect(refused.status).toBe(400);
    expect(refused.json()).toMatchObject({ errors: { back: expect.any(String) } });
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect((await emailsTo(email)).length).toBe(sentBefore);
    const after = await request('GET', `/console/emails?recipient=${encodeURIComponent(email)}`, {
      from: FROM,
      headers: { cookie },
    });
    expect(after.text.match(/\/resend"/g)?.length).toBe(log.text.match(/\/resend"/g)?.length);
  });

  it('a body of the wrong content type is a 415, not "every field is required"', async () => {
    const response = await request('POST', '/api/meetings/u4ssc-demo/registrations', {
      from: anyIp(),
      body: JSON.stringify(person(uniqueEmail('ct'))),
      headers: { 'content-type': 'text/plain' },
    });
    expect(response.status).toBe(415);
  });
});

describe('3. no open redirect after sign-in or a console form', () => {
  const evil = [
    '/\t/evil.example',
    '/\\evil.example',
    '//evil.example',
    '/\r\n/evil.example',
    '/\u2028/evil.example',
    'https://evil.example',
  ];

  it.each(evil)('local sign-in with next=%j goes to the console', async (next) => {
    const response = await request('POST', '/console/sign-in', {
      from: FROM,
      body: new URLSearchParams({ email: 'secretariat@demo.u4ssc.local', next }).toString(),
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(response.status).toBe(303);
    expect(response.headers.location).toBe('/console');
  });

  it('the sign-in page never carries another site as next', async () => {
    const response = await request('GET', `/console/sign-in?next=${encodeURIComponent('/\t/evil.example')}`, {
      from: FROM,
    });
    expect(response.status).toBe(200);
    expect(response.text).toContain('name="next" value="/console"');
  });

  it('the console resend goes back only to a console page', async () => {
    const { email } = await verifiedRegistration('u4ssc-demo');
    const log = await request('GET', `/console/emails?recipient=${encodeURIComponent(email)}`, {
      from: FROM,
      headers: { cookie },
    });
    const messageId = /action="\/console\/emails\/([^"]+)\/resend"/.exec(log.text)?.[1] ?? '';
    const response = await request('POST', `/console/emails/${messageId}/resend`, {
      from: FROM,
      body: new URLSearchParams({ back: '/\t/evil.example' }).toString(),
      headers: { cookie, origin: platform.baseUrl, 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(response.status).toBe(303);
    expect(String(response.headers.location)).toMatch(/^\/console\?done=/);
  });
});

describe('4. control characters never reach a mailbox', () => {
  it.each(['a\u0007b@x.org', 'a@b.co\u0000', 'a\u202e@b.org'])(
    'the address %j is refused and nothing is stored',
    async (email) => {
      const response = await postJson('/api/meetings/u4ssc-demo/registrations', person(email), anyIp());
      expect(response.status).toBe(400);
      expect(response.json()).toMatchObject({ errors: { email: expect.any(String) } });
    },
  );

  it('a lone surrogate in a name is refused', async () => {
    const response = await request('POST', '/api/meetings/u4ssc-demo/registrations', {
      from: anyIp(),
      // JSON.stringify would escape it as \ud800: the server sees a lone surrogate.
      body: `{"name":"A\\ud800","email":"${uniqueEmail('s')}","organisation":"M","category":"member-state","country":"SN","title":"D","privacyConsent":true}`,
      headers: { 'content-type': 'application/json' },
    });
    expect(response.status).toBe(400);
    expect(response.json()).toMatchObject({ errors: { name: expect.any(String) } });
  });
});

describe('5. ids are canonical', () => {
  it('PATCH with the id in upper case changes the meeting as stored, keeping its id', async () => {
    const created = (await createMeeting()).json<{ meetingId: string; version: number }>();
    const response = await request('PATCH', `/api/meetings/${created.meetingId.toUpperCase()}`, {
      from: FROM,
      body: JSON.stringify({ version: created.version, title: 'Renamed' }),
      headers: { ...secretariat, 'content-type': 'application/json' },
    });
    expect(response.status, response.text).toBe(200);
    expect(response.json()).toMatchObject({ meetingId: created.meetingId, title: 'Renamed' });
    const { body } = await getJson(`/api/meetings/${created.meetingId.toUpperCase()}`);
    expect(body).toMatchObject({ meetingId: created.meetingId, title: 'Renamed' });
  });
});

describe('6. dates the calendar cannot express are refused at creation', () => {
  it.each(['9999-12-07T10:00:00Z', '0000-01-01T10:00:00Z', '1899-06-01T10:00:00Z'])('%s', async (startsAt) => {
    const response = await createMeeting({ startsAt, endsAt: startsAt.replace('T10', 'T11') });
    expect(response.status).toBe(400);
    expect(response.json()).toMatchObject({ errors: { startsAt: expect.stringMatching(/2000 and 2100/) } });
  });
});

describe('6b. an email that can never render', () => {
  it('ends failed at once with its reason, never retried, and the console shows it', async () => {
    const { registrationStore } = await import('../../functions/adapters/dynamodb/registrations.ts');
    const { outboxStore } = await import('../../functions/adapters/dynamodb/outbox.ts');
    const { deliveryDeps } = await import('../../functions/adapters/wiring/delivery.ts');
    const { deliverMessage } = await import('../../functions/mail/delivery.ts');
    const messageId = `it.unrenderable.${Date.now()}`;
    const recipient = uniqueEmail('never');
    // The template needs fields this message lacks: strict mode fails the render every time.
    await registrationStore(store()).queueMessages([
      { messageId, recipient, language: 'en', template: 'hub-report-due.to-hub', data: {} },
    ]);
    let clock = Date.now();
    const results: string[] = [];
    for (let attempt = 0; attempt < 3; attempt++) {
      clock += 3_600_000; // past any backoff
      const at = clock;
      results.push(await deliverMessage({ ...deliveryDeps(), now: () => new Date(at) }, messageId));
    }
    expect(results).toEqual(['failed', 'not-claimed', 'not-claimed']);
    const stored = await outboxStore(store()).get(messageId);
    expect(stored).toMatchObject({ status: 'failed', attempts: 1 });
    expect(stored?.lastError).toMatch(/cannot be rendered.*"hub" not defined/);
    expect(await emailsTo(recipient)).toEqual([]);
    // The console's email log shows it failed, and why.
    const log = await request('GET', `/console/emails?recipient=${encodeURIComponent(recipient)}`, {
      from: FROM,
      headers: { cookie },
    });
    expect(log.text).toMatch(/<strong>failed<\/strong>/);
    expect(log.text).toContain('not defined');
  });
});

describe('8. the console callback without a hosted login', () => {
  it('answers a clear page, not a 500', async () => {
    const response = await request('GET', '/console/callback?code=x&state=y', {
      from: FROM,
      headers: { accept: 'text/html' },
    });
    expect(response.status).toBe(404);
    expect(response.text).toContain('/console/sign-in');
  });
});

describe('9. headers, origins and tokens', () => {
  it('security headers on every response: sign-in page, JWKS, 401, redirects, 404', async () => {
    const answers = [
      await request('GET', '/console/sign-in', { from: FROM }),
      await request('GET', '/.well-known/jwks.json', { from: FROM }),
      await request('GET', '/api/me', { from: FROM }),
      await request('GET', '/console', { from: FROM }),
      await request('GET', '/nope', { from: FROM }),
      await request('GET', '/api/openapi.json', { from: FROM }),
    ];
    for (const response of answers) {
      expect(response.headers['x-content-type-options']).toBe('nosniff');
      expect(response.headers['content-security-policy']).toContain("base-uri 'none'");
      expect(response.headers['permissions-policy']).toContain('camera=()');
      expect(response.headers['strict-transport-security']).toMatch(/max-age=\d+/);
    }
  });

  it('pages with tokens or personal data are never cached', async () => {
    const { manageToken, path } = await verifiedRegistration('u4ssc-demo');
    for (const target of [`${path}?token=${manageToken}`, `${path}/verify?token=x`, '/console', '/console/emails']) {
      const response = await request('GET', target, { from: FROM, headers: { cookie } });
      expect(response.headers['cache-control'], target).toBe('no-store');
    }
  });

  it('the CSRF check compares scheme, host and port', async () => {
    const host = new URL(platform.baseUrl);
    for (const origin of [`https://${host.host}`, `http://${host.hostname}:1`, `http://${host.hostname}`, 'null']) {
      const response = await request('POST', '/console/meetings/u4ssc-demo/registrations', {
        from: FROM,
        body: new URLSearchParams({ action: 'approve', registrationIds: 'x' }).toString(),
        headers: { cookie, origin, 'content-type': 'application/x-www-form-urlencoded' },
      });
      expect(response.status, origin).toBe(403);
    }
  });

  it('the local verifier refuses tokens without exp, and tokens that are not ID tokens', async () => {
    const key = await importJWK(JSON.parse(readFileSync(platform.issuerKeyFile, 'utf8')) as JWK, 'RS256');
    const kid = (JSON.parse(readFileSync(platform.issuerKeyFile, 'utf8')) as JWK).kid ?? 'local';
    const sign = (claims: Record<string, unknown>, expires: boolean) => {
      const jwt = new SignJWT({ email: 'a@b.org', 'cognito:groups': ['secretariat'], ...claims })
        .setProtectedHeader({ alg: 'RS256', kid })
        .setSubject('someone')
        .setIssuer(LOCAL_ISSUER)
        .setAudience(LOCAL_AUDIENCE)
        .setIssuedAt();
      return (expires ? jwt.setExpirationTime('1h') : jwt).sign(key);
    };
    const noExp = await sign({ token_use: 'id' }, false);
    const access = await sign({ token_use: 'access' }, true);
    const valid = await sign({ token_use: 'id' }, true);
    for (const token of [noExp, access]) {
      const response = await getJson('/api/partners', { headers: { authorization: `Bearer ${token}` } });
      expect(response.status).toBe(401);
    }
    expect((await getJson('/api/partners', { headers: { authorization: `Bearer ${valid}` } })).status).toBe(200);
    // Nor as a console session.
    for (const token of [noExp, access]) {
      const page = await request('GET', '/console', { from: FROM, headers: { cookie: `u4ssc_session=${token}` } });
      expect(page.status).toBe(303);
    }
  });
});

describe('10. unverified registrations expire with their link', () => {
  it('carry a TTL of 48 hours (with their address guard) until verified, then none', async () => {
    const created = (await createMeeting()).json<{ meetingId: string }>();
    const email = uniqueEmail('ttl');
    const started = Date.now();
    expect((await postJson(`/api/meetings/${created.meetingId}/registrations`, person(email), anyIp())).status).toBe(
      202,
    );
    const [mail] = await waitForEmails(email, /Confirm your registration/);
    const link = new URL(linkIn(mail as SentEmail, '/verify'));
    const registrationId = link.pathname.split('/')[4] ?? '';
    const item = await registrationItem(created.meetingId, registrationId);
    const guard = (await store().entities.registrationEmail.get({ meetingId: created.meetingId, email }).go()).data;
    const expected = (started + 48 * 3_600_000) / 1000;
    expect(item?.expiresAt).toBeGreaterThan(expected - 60);
    expect(item?.expiresAt).toBeLessThan(expected + 60);
    expect(guard?.expiresAt).toBe(item?.expiresAt);

    await request('POST', `${link.pathname}${link.search}`, {
      from: anyIp(),
      body: new URLSearchParams({ token: link.searchParams.get('token') ?? '' }).toString(),
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect((await registrationItem(created.meetingId, registrationId))?.expiresAt).toBeUndefined();
    const kept = (await store().entities.registrationEmail.get({ meetingId: created.meetingId, email }).go()).data;
    expect(kept?.expiresAt).toBeUndefined();
  });

  it('an expired guard left by TTL does not hold the address: the address can register again', async () => {
    const created = (await createMeeting()).json<{ meetingId: string }>();
    const email = uniqueEmail('ttl2');
    await store()
      .entities.registrationEmail.put({ meetingId: created.meetingId, email, registrationId: 'gone', expiresAt: 1 })
      .go();
    expect((await postJson(`/api/meetings/${created.meetingId}/registrations`, person(email), anyIp())).status).toBe(
      202,
    );
    await waitForEmails(email, /Confirm your registration/);
    const guard = (await store().entities.registrationEmail.get({ meetingId: created.meetingId, email }).go()).data;
    expect(guard?.registrationId).not.toBe('gone');
  });
});

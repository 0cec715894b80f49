import { beforeAll, describe, expect, it } from 'vitest';
import { consoleSignIn, issuer, platform, postJson, request, uniqueEmail, waitForEmails } from './support.ts';

/** The secretariat console: session cookie, pages, forms, bulk decisions. */
const FROM = '127.0.0.21';
let ip = 0;
const anyIp = () => `127.0.40.${(ip++ % 250) + 1}`;

async function signIn(email: string): Promise<string> {
  const { cookie, setCookie } = await consoleSignIn(email, FROM);
  expect(setCookie).toMatch(/HttpOnly/);
  expect(setCookie).toMatch(/SameSite=Strict/);
  return cookie;
}

let cookie: string;
const page = (path: string, withCookie = cookie) =>
  request('GET', path, { from: FROM, headers: { cookie: withCookie } });
const submit = (path: string, fields: Record<string, string | string[]>, origin = platform.baseUrl) => {
  const body = new URLSearchParams();
  for (const [key, value] of Object.entries(fields)) for (const v of [value].flat()) body.append(key, v);
  return request('POST', path, {
    from: FROM,
    body: body.toString(),
    headers: { cookie, origin, 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html' },
  });
};

beforeAll(async () => {
  cookie = await signIn('secretariat@demo.u4ssc.local');
});

const meetingForm = (overrides: Record<string, string | string[]> = {}) => ({
  meetingId: `it-console-${Math.random().toString(36).slice(2, 8)}`,
  number: '42',
  title: 'Console-made meeting',
  organisers: 'ITU, UNECE, UN-Habitat',
  format: 'hybrid',
  startsAt: '2030-03-10T10:00',
  endsAt: '2030-03-10T15:30',
  timeZone: 'Europe/Zurich',
  languages: ['en', 'fr'],
  objectives: 'First objective\nSecond objective',
  eventUrl: 'https://www.itu.int/en/ITU-T/ssc/united/',
  joiningDetails: 'Room A, ITU Montbrillant',
  capacity: '30',
  retentionDays: '180',
  requiresApproval: 'on',
  ...overrides,
});

describe('console sign-in', () => {
  it('without a session, a console page sends the browser to sign in, keeping where it was going', async () => {
    const response = await page('/console/meetings/u4ssc-6', '');
    expect(response.status).toBe(303);
    expect(response.headers.location).toBe('/console/sign-in?next=%2Fconsole%2Fmeetings%2Fu4ssc-6');
  });

  it('a forged or expired session cookie counts as none', async () => {
    const local = await issuer();
    const expired = await local.sign({
      email: 'x@itu.int',
      roles: ['secretariat'],
      expiresIn: Math.floor(Date.now() / 1000) - 10,
    });
    expect((await page('/console', `u4ssc_session=${expired}`)).status).toBe(303);
    expect((await page('/console', 'u4ssc_session=not.a.token')).status).toBe(303);
  });

  it('a session of another role is refused', async () => {
    const participant = await signIn('participant@demo.u4ssc.local');
    expect((await page('/console', participant)).status).toBe(403);
    // In a browser, the "forbidden" page keeps the console's header: the visitor can sign out.
    const html = await request('GET', '/console', {
      from: FROM,
      headers: { cookie: participant, accept: 'text/html' },
    });
    expect(html.status).toBe(403);
    expect(html.text).toContain('participant@demo.u4ssc.local');
    expect(html.text).toContain('action="/console/sign-out"');
    expect(html.text).not.toContain('<footer class="site">');
  });

  it('signing out ends the session on the server: the old cookie opens no console page', async () => {
    const kept = await signIn('secretariat@demo.u4ssc.local');
    expect((await page('/console', kept)).status).toBe(200);
    const out = await request('POST', '/console/sign-out', {
      from: FROM,
      body: '',
      headers: { cookie: kept, origin: platform.baseUrl, 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(out.status).toBe(303);
    expect(out.headers.location).toBe('/');
    expect(String(out.headers['set-cookie'])).toMatch(/u4ssc_session=;.*Max-Age=0/);
    // The browser forgot the cookie; a copy of it is refused on every console page.
    for (const path of ['/console', '/console/circulars', '/console/emails', '/console/meetings/u4ssc-6']) {
      const response = await page(path, kept);
      expect(response.status, path).toBe(303);
      expect(response.headers.location, path).toMatch(/^\/console\/sign-in\?next=/);
    }
    const form = await request('POST', '/console/meetings/u4ssc-6/registrations', {
      from: FROM,
      body: 'action=approve',
      headers: { cookie: kept, origin: platform.baseUrl, 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(form.status).toBe(303);
    expect(form.headers.location).toMatch(/^\/console\/sign-in/);
    // Another session of the same person is not affected.
    expect((await page('/console')).status).toBe(200);
  });

  it('signing out without a session, or with a forged one, just clears the cookie', async () => {
    for (const withCookie of ['', 'u4ssc_session=not.a.token']) {
      const out = await request('POST', '/console/sign-out', {
        from: FROM,
        body: '',
        headers: { cookie: withCookie, 'content-type': 'application/x-www-form-urlencoded' },
      });
      expect(out.status).toBe(303);
      expect(String(out.headers['set-cookie'])).toMatch(/Max-Age=0/);
    }
  });

  it('sign-in never redirects to another site', async () => {
    const response = await request('POST', '/console/sign-in', {
      from: FROM,
      body: new URLSearchParams({ email: 'secretariat@demo.u4ssc.local', next: '//evil.example/x' }).toString(),
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(response.headers.location).toBe('/console');
  });
});

describe('meetings in the console', () => {
  it('lists meetings', async () => {
    const response = await page('/console');
    expect(response.status).toBe(200);
    expect(response.text).toContain('Sixth meeting of the United for Smart Sustainable Cities');
    expect(response.text).toContain('secretariat@demo.u4ssc.local');
  });

  it('creates a meeting from the form, times read in Geneva time, and shows it again as entered', async () => {
    const form = meetingForm();
    const created = await submit('/console/meetings', form);
    expect(created.status, created.text).toBe(303);
    expect(created.headers.location).toBe(`/console/meetings/${form.meetingId}?saved=1`);
    const api = (await request('GET', `/api/meetings/${form.meetingId}`, { from: FROM })).json();
    expect(api).toMatchObject({
      startsAt: '2030-03-10T09:00:00.000Z',
      endsAt: '2030-03-10T14:30:00.000Z',
      capacity: 30,
      requiresApproval: true,
    });
    const editor = await page(`/console/meetings/${form.meetingId}?saved=1`);
    expect(editor.text).toContain('value="2030-03-10T10:00"');
    expect(editor.text).toContain('Saved.');
  });

  it('shows what is wrong beside each field, keeping what was typed', async () => {
    const response = await submit(
      '/console/meetings',
      meetingForm({ title: '', endsAt: '2030-03-10T09:00', format: '' }),
    );
    expect(response.status).toBe(400);
    expect(response.text).toContain('error-summary');
    expect(response.text).toContain('Title: This field is required.');
    expect(response.text).toContain('Ends: The end must be after the start.');
    // Field names in words, never internal keys; times entered in the meeting's zone, named.
    expect(response.text).not.toMatch(/>(title|endsAt|startsAt): /);
    expect(response.text).toContain('Starts (Europe/Zurich, Geneva time) *');
    expect(response.text).toContain('value="ITU, UNECE, UN-Habitat"');
  });

  it('a stale edit is refused with an explanation, and the newer version stays', async () => {
    const form = meetingForm();
    await submit('/console/meetings', form);
    const api = (await request('GET', `/api/meetings/${form.meetingId}`, { from: FROM })).json<{ version: number }>();
    const first = await submit(`/console/meetings/${form.meetingId}`, {
      ...form,
      title: 'First edit',
      version: String(api.version),
    });
    expect(first.status).toBe(303);
    const second = await submit(`/console/meetings/${form.meetingId}`, {
      ...form,
      title: 'Second edit',
      version: String(api.version),
    });
    expect(second.status).toBe(409);
    expect(second.text).toContain('Someone else saved this meeting meanwhile');
    expect((await request('GET', `/api/meetings/${form.meetingId}`, { from: FROM })).json()).toMatchObject({
      title: 'First edit',
    });
  });

  it('a form posted from another site is refused', async () => {
    const response = await submit('/console/meetings', meetingForm(), 'http://evil.example');
    expect(response.status).toBe(403);
  });
});

/** Attribute values as a browser reads them (Handlebars escapes "=" and "&"). */
const asBrowserReads = (html: string) => html.replace(/&#x3D;/g, '=').replace(/&amp;/g, '&');

/** Registrations sent and verified (through the store, as the emailed link would): their ids. */
async function registerVerified(meetingId: string, prefix: string, count: number): Promise<string[]> {
  const emails = Array.from({ length: count }, (_, i) => uniqueEmail(`${prefix}${i}`));
  for (const [i, email] of emails.entries()) {
    const response = await postJson(
      `/api/meetings/${meetingId}/registrations`,
      {
        name: `Person ${prefix} ${i}`,
        email,
        organisation: `Organisation ${prefix} ${['Alpha', 'Béta', 'Gamma', 'Delta'][i % 4]}`,
        category: 'academia',
        country: 'CN',
        title: 'Dr',
        privacyConsent: true,
      },
      anyIp(),
    );
    expect(response.status).toBe(202);
    await waitForEmails(email, /Confirm your registration/);
  }
  const { registrationsDeps } = await import('../../functions/adapters/wiring/registrations.ts');
  const { verifyRegistration } = await import('../../functions/registrations/operations.ts');
  const { hashToken } = await import('../../functions/registrations/tokens.ts');
  const { store } = await import('../../functions/adapters/dynamodb/store.ts');
  const deps = registrationsDeps();
  const unverified = await deps.store.listByStatus(meetingId, 'unverified');
  for (const registration of unverified) {
    await store()
      .entities.registration.patch({ meetingId, registrationId: registration.registrationId })
      .set({ verifyTokenHash: hashToken('known-token') })
      .go();
    await verifyRegistration(deps, meetingId, registration.registrationId, 'known-token');
  }
  return unverified.map((r) => r.registrationId);
}

/** Confirms a meeting's unverified registrations through the store, as the emailed link would. */
async function registerVerifiedExisting(meetingId: string): Promise<void> {
  const { registrationsDeps } = await import('../../functions/adapters/wiring/registrations.ts');
  const { verifyRegistration } = await import('../../functions/registrations/operations.ts');
  const { hashToken } = await import('../../functions/registrations/tokens.ts');
  const { store } = await import('../../functions/adapters/dynamodb/store.ts');
  const deps = registrationsDeps();
  for (const registration of await deps.store.listByStatus(meetingId, 'unverified')) {
    await store()
      .entities.registration.patch({ meetingId, registrationId: registration.registrationId })
      .set({ verifyTokenHash: hashToken('known-token') })
      .go();
    await verifyRegistration(deps, meetingId, registration.registrationId, 'known-token');
  }
}

describe('the dashboard', () => {
  it('counts what waits for the secretariat, each number linking to its list', async () => {
    const form = meetingForm({ startsAt: '2030-06-10T10:00', endsAt: '2030-06-10T12:00', capacity: '1' });
    await submit('/console/meetings', form);
    await registerVerified(form.meetingId, 'dash', 3);
    const response = await page('/console');
    expect(response.status).toBe(200);
    const dashboard = { text: asBrowserReads(response.text) };
    expect(dashboard.text).toContain('<h1>Dashboard</h1>');
    const base = `/console/meetings/${form.meetingId}/registrations`;
    expect(dashboard.text).toContain(`<a href="${base}?status=approved" aria-label="0 / 1 seats used`);
    expect(dashboard.text).toMatch(new RegExp(`<a href="${base}\\?status=pending"[^>]*>3</a>`));
    expect(dashboard.text).toMatch(new RegExp(`<a href="${base}\\?status=waitlisted"[^>]*>0</a>`));
    expect(dashboard.text).toContain('href="/console/circulars?status=draft"');
    expect(dashboard.text).toMatch(/href="\/console\/emails\?status=failed&days=7">\d+<\/a>/);

    // Approving two of a one-seat meeting: one takes the seat, one goes to the waiting list.
    const list = await page(`${base}?status=pending`);
    const ids = [...list.text.matchAll(/name="registrationIds" value="([^"]+)"/g)].map((m) => m[1] ?? '');
    await submit(base, { action: 'approve', registrationIds: ids.slice(0, 2), reason: '' });
    const after = { text: asBrowserReads((await page('/console')).text) };
    expect(after.text).toContain(`<a href="${base}?status=approved" aria-label="1 / 1 seats used`);
    expect(after.text).toMatch(new RegExp(`<a href="${base}\\?status=pending"[^>]*>1</a>`));
    expect(after.text).toMatch(new RegExp(`<a href="${base}\\?status=waitlisted"[^>]*>1</a>`));

    // The links open the filtered lists.
    expect((await page('/console/circulars?status=draft')).text).toContain('Showing the circulars: draft.');
    const failed = await page('/console/emails?status=failed&days=7');
    expect(failed.status).toBe(200);
    expect(failed.text).toContain('Showing the emails failed in the last 7 days.');
  });
});

describe('registrations in the console', () => {
  it('filters by status and approves the ticked registrations in one go', async () => {
    const form = meetingForm({ startsAt: '2030-04-10T10:00', endsAt: '2030-04-10T12:00' });
    await submit('/console/meetings', form);
    const emails = [uniqueEmail('console1'), uniqueEmail('console2')];
    for (const email of emails) {
      const response = await postJson(
        `/api/meetings/${form.meetingId}/registrations`,
        {
          name: 'Li Wei',
          email,
          organisation: 'Tsinghua University',
          category: 'academia',
          country: 'CN',
          title: 'Professor',
          privacyConsent: true,
        },
        anyIp(),
      );
      expect(response.status).toBe(202);
      await waitForEmails(email, /Confirm your registration/);
    }
    // Verified through the store, as the emailed link would.
    const { registrationsDeps } = await import('../../functions/adapters/wiring/registrations.ts');
    const { verifyRegistration } = await import('../../functions/registrations/operations.ts');
    const { hashToken } = await import('../../functions/registrations/tokens.ts');
    const { store } = await import('../../functions/adapters/dynamodb/store.ts');
    const deps = registrationsDeps();
    const unverified = await deps.store.listByStatus(form.meetingId, 'unverified');
    for (const registration of unverified) {
      await store()
        .entities.registration.patch({ meetingId: form.meetingId, registrationId: registration.registrationId })
        .set({ verifyTokenHash: hashToken('known-token') })
        .go();
      await verifyRegistration(deps, form.meetingId, registration.registrationId, 'known-token');
    }

    const list = await page(`/console/meetings/${form.meetingId}/registrations?status=pending`);
    expect(list.status).toBe(200);
    for (const email of emails) expect(list.text).toContain(email);
    const ids = [...list.text.matchAll(/name="registrationIds" value="([^"]+)"/g)].map((m) => m[1] ?? '');
    expect(ids).toHaveLength(2);

    const decided = await submit(`/console/meetings/${form.meetingId}/registrations`, {
      action: 'approve',
      registrationIds: ids,
      reason: '',
    });
    expect(decided.status).toBe(303);
    expect(decodeURIComponent(String(decided.headers.location))).toContain('done=2 approved.');
    const approved = await page(String(decided.headers.location).replace('?', '?status=approved&'));
    for (const email of emails) expect(approved.text).toContain(email);
    // What happened is said plainly, and codes are words.
    expect(approved.text).toContain('<p class="notice" role="status">2 approved.</p>');
    expect(approved.text).toContain('<td>Academia</td>');
    expect(approved.text).toContain('<td>Approved</td>');
    expect(approved.text).not.toContain('<td>academia</td>');
    // Console pages carry no public footer.
    expect(approved.text).not.toContain('<footer class="site">');

    // Apply with nothing ticked stays on the list, with a message, and changes nothing.
    const nothing = await submit(`/console/meetings/${form.meetingId}/registrations`, { action: 'reject', reason: '' });
    expect(nothing.status).toBe(303);
    const shown = await page(String(nothing.headers.location));
    expect(shown.status).toBe(200);
    expect(shown.text).toContain('Nothing was changed: tick at least one registration first.');
    const still = await page(`/console/meetings/${form.meetingId}/registrations?status=approved`);
    for (const email of emails) expect(still.text).toContain(email);

    const csv = await page(`/console/meetings/${form.meetingId}/registrations.csv`);
    expect(csv.status).toBe(200);
    expect(csv.text.startsWith('\uFEFF')).toBe(true);
    expect(csv.text.split('\r\n').filter(Boolean)).toHaveLength(3);
  });
  it('searches, decides row by row, re-approves, promotes by hand only onto a free seat, and keeps an audit trail', async () => {
    const form = meetingForm({ startsAt: '2030-07-10T10:00', endsAt: '2030-07-10T12:00', capacity: '1' });
    await submit('/console/meetings', form);
    await registerVerified(form.meetingId, 'row', 3);
    const base = `/console/meetings/${form.meetingId}/registrations`;
    const rowsOf = (html: string) =>
      [...html.matchAll(/<td><a href="[^"]+\/registrations\/([^"]+)">([^<]+)<\/a><\/td>/g)].map((m) => ({
        id: m[1] ?? '',
        name: m[2] ?? '',
      }));

    // Search by organisation (case and accents ignored), and sort by name, both ways.
    const found = await page(`${base}?q=ORGANISATION%20row%20BETA`);
    expect(rowsOf(found.text).map((r) => r.name)).toEqual(['Person row 1']);
    expect(found.text).toContain('1–1 of 1 matching “ORGANISATION row BETA”');
    const desc = rowsOf((await page(`${base}?sort=name&dir=desc`)).text).map((r) => r.name);
    expect(desc).toEqual(['Person row 2', 'Person row 1', 'Person row 0']);
    expect((await page(`${base}?q=nobody-has-this`)).text).toContain('No registration matches');
    // Nonsense in the address bar gives the default list, never an error.
    expect((await page(`${base}?sort=%3Cscript%3E&page=-4&dir=up`)).status).toBe(200);
    // Select all ticks every box of the page.
    const all = await page(`${base}?select=all`);
    expect([...all.text.matchAll(/name="registrationIds" value="[^"]+"[^>]* checked/g)]).toHaveLength(3);

    const [first, second, third] = rowsOf((await page(`${base}?sort=name`)).text);
    if (!first || !second || !third) throw new Error('three rows expected');
    const decide = (fields: Record<string, string>) => submit(base, fields);
    const outcome = (response: { headers: Record<string, unknown> }) =>
      decodeURIComponent(String(response.headers.location)).replace(/\+/g, ' ');

    // A row's own button, back to the same search.
    const approved = await decide({ row: `approve:${first.id}`, back: '?q=Person&sort=name' });
    expect(approved.status).toBe(303);
    expect(outcome(approved)).toBe(`${base}?q=Person&sort=name&done=1 approved.`);
    const full = await decide({ row: `approve:${second.id}`, back: '' });
    expect(outcome(full)).toContain('done=1 put on the waiting list.');
    // By hand from the waiting list: refused while the meeting is full, with the reason.
    const refused = await decide({ row: `approve:${second.id}` });
    expect(outcome(refused)).toContain('1 not changed: No seat is free (1 of 1 taken): it stays on the waiting list.');
    // A rejection without a reason changes nothing and says why.
    expect(outcome(await decide({ row: `reject:${first.id}`, reason: '' }))).toContain(
      '1 not changed: Give the reason the registrant will read.',
    );
    // Rejecting the approved one frees its seat: the waiting list's first takes it.
    const rejected = await decide({ row: `reject:${first.id}`, reason: 'Duplicate of another delegate' });
    expect(outcome(rejected)).toContain('done=1 rejected.');
    const promoted = await page(`${base}/${second.id}`);
    expect(promoted.text).toContain('<dd>Approved</dd>');
    // Approving the rejected one again: the meeting is full, so it joins the waiting list.
    const again = await decide({ row: `approve:${first.id}`, back: `/${first.id}` });
    expect(outcome(again)).toBe(`${base}/${first.id}?done=1 put on the waiting list.`);

    const detail = await page(`${base}/${first.id}`);
    expect(detail.status).toBe(200);
    expect(detail.text).toContain('<dd>On the waiting list</dd>');
    expect(detail.text).toContain('<dt>Place on the waiting list</dt><dd>1</dd>');
    expect(detail.text).toContain('Organisation row Alpha');
    const trail = [
      ...detail.text.matchAll(
        /<tr><td>[^<]+<\/td><td>secretariat@demo\.u4ssc\.local<\/td><td>([^<]+)<\/td><td>([^<]+)<\/td><td>([^<]*)<\/td><\/tr>/g,
      ),
    ].map((m) => `${m[1]}: ${m[2]} ${m[3]}`.trim());
    expect(trail).toEqual([
      'Approved: Waiting for a decision → Approved',
      'Rejected: Approved → Rejected Duplicate of another delegate',
      'Approved again: Rejected → On the waiting list',
    ]);
    expect(detail.text).toContain('registration-rejected.to-registrant');
    expect(detail.text).toContain('Promote');
    // Unknown registration: 404.
    expect((await page(`${base}/no-such-registration`)).status).toBe(404);
  });
});

describe('the email log', () => {
  it("shows a meeting's emails with their status, and sends one again on request", async () => {
    const form = meetingForm({ startsAt: '2030-05-10T10:00', endsAt: '2030-05-10T12:00', requiresApproval: '' });
    await submit('/console/meetings', form);
    const email = uniqueEmail('emaillog');
    await postJson(
      `/api/meetings/${form.meetingId}/registrations`,
      {
        name: 'Logged Person',
        email,
        organisation: 'Org',
        category: 'academia',
        country: 'CN',
        title: 'Dr',
        privacyConsent: true,
      },
      anyIp(),
    );
    await waitForEmails(email, /Confirm your registration/);
    const log = await page(`/console/emails?meetingId=${form.meetingId}`);
    expect(log.status).toBe(200);
    expect(log.text).toContain(email);
    expect(log.text).toContain('verify-email.to-registrant');
    expect(log.text).toMatch(/<strong>sent<\/strong>/);
    const messageId = /action="\/console\/emails\/([^"]+)\/resend"/.exec(log.text)?.[1] ?? '';
    const resent = await submit(`/console/emails/${messageId}/resend`, {
      back: `/console/emails?meetingId=${form.meetingId}`,
    });
    expect(resent.status).toBe(303);
    expect(decodeURIComponent(String(resent.headers.location))).toContain('queued again');
    await waitForEmails(email, /Confirm your registration/, 2);

    // Each email shows its subject, and opens as it was sent (personal links as placeholders).
    const withSubjects = await page(`/console/emails?meetingId=${form.meetingId}`);
    const subject = /<a href="\/console\/emails\/[^"]+">([^<]+)<\/a><br><span class="meta">verify-email/.exec(
      withSubjects.text,
    )?.[1];
    expect(subject).toMatch(/Confirm your registration/);
    const view = await page(`/console/emails/${messageId}`);
    expect(view.status).toBe(200);
    expect(view.text).toContain(`<h1>${subject}</h1>`);
    expect(view.text).toContain('personal confirmation link, made when sent');
    expect(view.text).toContain('<iframe title="The email as HTML" sandbox=""');
    expect(view.text).not.toMatch(/[?&]token=[A-Za-z0-9_-]{16,}/);
    expect((await page('/console/emails/no-such-email')).status).toBe(404);

    // Once the registration is confirmed, its confirmation email is obsolete: resending is refused, with the reason.
    await registerVerifiedExisting(form.meetingId);
    const refused = await submit(`/console/emails/${messageId}/resend`, { back: `/console/emails/${messageId}` });
    expect(refused.status).toBe(303);
    expect(decodeURIComponent(String(refused.headers.location))).toContain(
      'done=Not sent again: its confirmation link is for a registration already confirmed, and the registration is now approved.',
    );
    const shown = await page(String(refused.headers.location));
    expect(shown.text).toContain('Not sent again: its confirmation link is for a registration already confirmed');
    const bare = await page('/console/emails');
    expect(bare.status).toBe(200);
    expect(bare.text).not.toContain('Say whose emails to show.');

    // One registration's emails; a page link that is not one of the log's is refused in plain words.
    // A registrant's message id is `<meetingId>.<registrationId>.<event>.<occurrence>`.
    const registrationId =
      decodeURIComponent(messageId)
        .slice(form.meetingId.length + 1)
        .split('.')[0] ?? '';
    const ofRegistration = await page(
      `/console/emails?meetingId=${form.meetingId}&registrationId=${encodeURIComponent(registrationId)}`,
    );
    expect(ofRegistration.status).toBe(200);
    expect(ofRegistration.text).toContain(`Showing the emails of registration ${registrationId}`);
    expect(ofRegistration.text.match(/action="\/console\/emails\/[^"]+\/resend"/g)?.length).toBeGreaterThanOrEqual(2);
    expect(ofRegistration.text).not.toContain('Older emails');
    for (const cursor of ['%3Cscript%3E', 'eyJwayI6IngifQ']) {
      const wrong = await page(`/console/emails?meetingId=${form.meetingId}&cursor=${cursor}`);
      expect(wrong.status).toBe(200);
      expect(wrong.text).toContain('That page of the email log does not exist.');
      expect(wrong.text).not.toContain('<script>');
    }
  });
});

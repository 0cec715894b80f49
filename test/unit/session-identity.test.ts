import { describe, expect, it } from 'vitest';
import { SESSION_COOKIE, SESSION_ENV, sessionIdentity } from '../../functions/http/session.ts';
import { sessionTokenId } from '../../functions/identity/sessions.ts';

/**
 * The console's session check reads the sign-out record while the token is verified; a token
 * that is no session is refused without that read mattering, even when the read fails.
 */
process.env[SESSION_ENV.jwksUrl] ??= 'http://127.0.0.1:9/.well-known/jwks.json';
process.env[SESSION_ENV.issuer] ??= 'http://127.0.0.1:9';
process.env[SESSION_ENV.audience] ??= 'u4ssc';

describe('session identity', () => {
  it('reads nothing without a session cookie', async () => {
    const asked: string[] = [];
    const record = async (id: string) => {
      asked.push(id);
      return false;
    };
    expect(await sessionIdentity(['other=1'], record)).toBeUndefined();
    expect(asked).toEqual([]);
  });

  it('refuses a token that is no session, the sign-out read started beside it and its failure ignored', async () => {
    const asked: string[] = [];
    const failing = async (id: string) => {
      asked.push(id);
      throw new Error('the table is unreachable');
    };
    expect(await sessionIdentity([`${SESSION_COOKIE}=not.a.token`], failing)).toBeUndefined();
    expect(asked).toEqual([sessionTokenId('not.a.token')]);
  });
});

import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { exportJWK, generateKeyPair, importJWK, type JWK, type JWTPayload, jwtVerify, SignJWT } from 'jose';
import type { Role } from '../../functions/identity/roles.ts';

/**
 * The local stand-in for the Cognito user pool: it signs RS256 ID tokens with the claims
 * Cognito puts in them (sub, email, cognito:groups, aud, iss, token_use), and verifies them
 * the way API Gateway's JWT authorizer does. Its key is kept under `.data/` so tokens survive
 * a restart.
 */
export const LOCAL_ISSUER = 'urn:u4ssc:local-issuer';
export const LOCAL_AUDIENCE = 'u4ssc-local-client';

export interface Issuer {
  sign(input: { email: string; roles: Role[]; subject?: string; expiresIn?: string | number }): Promise<string>;
  verify(token: string): Promise<JWTPayload>;
  publicJwks(): { keys: JWK[] };
}

export async function loadIssuer(keyFile: string): Promise<Issuer> {
  let privateJwk: JWK;
  if (existsSync(keyFile)) {
    privateJwk = JSON.parse(readFileSync(keyFile, 'utf8')) as JWK;
  } else {
    const { privateKey } = await generateKeyPair('RS256', { extractable: true });
    privateJwk = { ...(await exportJWK(privateKey)), kid: randomUUID(), alg: 'RS256', use: 'sig' };
    mkdirSync(dirname(keyFile), { recursive: true });
    writeFileSync(keyFile, JSON.stringify(privateJwk), { mode: 0o600 });
  }
  const { d: _d, p: _p, q: _q, dp: _dp, dq: _dq, qi: _qi, ...publicJwk } = privateJwk;
  const privateKey = await importJWK(privateJwk, 'RS256');
  const publicKey = await importJWK(publicJwk, 'RS256');
  const kid = privateJwk.kid ?? 'local';

  return {
    async sign({ email, roles, subject, expiresIn = '8h' }) {
      return (
        new SignJWT({ email, 'cognito:groups': roles, token_use: 'id', email_verified: true })
          .setProtectedHeader({ alg: 'RS256', kid })
          .setSubject(subject ?? randomUUID())
          // As Cognito's: every token has its own id, so two sign-ins are two sessions.
          .setJti(randomUUID())
          .setIssuer(LOCAL_ISSUER)
          .setAudience(LOCAL_AUDIENCE)
          .setIssuedAt()
          .setExpirationTime(expiresIn)
          .sign(privateKey)
      );
    },
    async verify(token) {
      // As Cognito's authorizer: an ID token (token_use "id") that expires.
      const { payload } = await jwtVerify(token, publicKey, {
        issuer: LOCAL_ISSUER,
        audience: LOCAL_AUDIENCE,
        algorithms: ['RS256'],
        requiredClaims: ['exp', 'sub'],
      });
      if (payload.token_use !== 'id') {
        throw Object.assign(new Error('Only ID tokens are accepted (token_use "id").'), {
          code: 'ERR_JWT_CLAIM_INVALID',
        });
      }
      return payload;
    },
    publicJwks: () => ({ keys: [publicJwk] }),
  };
}

import { createRemoteJWKSet, type JWTVerifyGetKey, jwtVerify } from 'jose';
import { requireEnv } from '../config.ts';
import { type IsSessionRevoked, sessionTokenId } from '../identity/sessions.ts';
import { type Identity, identityFromClaims } from './claims.ts';

/**
 * The console's session: a cookie holding the ID token the identity provider issued (Cognito
 * in AWS, the local issuer on one machine), verified here against the provider's published
 * keys, since API Gateway's JWT authorizer only reads headers.
 */
export const SESSION_COOKIE = 'u4ssc_session';

export const SESSION_ENV = {
  issuer: 'SESSION_ISSUER',
  audience: 'SESSION_AUDIENCE',
  jwksUrl: 'SESSION_JWKS_URL',
  /** Cognito's managed-login domain, e.g. https://u4ssc.auth.eu-central-1.amazoncognito.com */
  signInDomain: 'SIGN_IN_DOMAIN',
} as const;

let keys: JWTVerifyGetKey | undefined;

export function readCookie(cookies: readonly string[] | undefined, name: string): string | undefined {
  for (const cookie of cookies ?? []) {
    for (const part of cookie.split(';')) {
      const [key, ...value] = part.trim().split('=');
      if (key === name) return value.join('=');
    }
  }
  return undefined;
}

/** The session cookie's token, verified: who it is and when it expires; undefined if none or not valid. */
export async function verifiedSession(
  cookies: readonly string[] | undefined,
): Promise<{ token: string; identity: Identity; expiresAt: Date } | undefined> {
  const token = readCookie(cookies, SESSION_COOKIE);
  if (!token) return undefined;
  keys ??= createRemoteJWKSet(new URL(requireEnv(SESSION_ENV.jwksUrl)));
  try {
    const { payload } = await jwtVerify(token, keys, {
      issuer: requireEnv(SESSION_ENV.issuer),
      audience: requireEnv(SESSION_ENV.audience),
      requiredClaims: ['exp'],
    });
    // The session is the ID token; an access token (or any other) is no session.
    if (payload.token_use !== 'id') return undefined;
    const identity = identityFromClaims(payload as Parameters<typeof identityFromClaims>[0]);
    if (!identity) return undefined;
    return { token, identity, expiresAt: new Date((payload.exp ?? 0) * 1000) };
  } catch {
    return undefined;
  }
}

/**
 * The signed-in person of a console request: a valid session cookie whose session was not
 * signed out (checked on the server, see identity/sessions.ts).
 */
export async function sessionIdentity(
  cookies: readonly string[] | undefined,
  isRevoked: IsSessionRevoked,
): Promise<Identity | undefined> {
  const token = readCookie(cookies, SESSION_COOKIE);
  if (!token) return undefined;
  // The sign-out record is read while the token is verified (its id is the token's hash, known
  // before): one round trip before the handler instead of two, the keys' first fetch included.
  // Its failure is held (never an unhandled rejection) and thrown only for a valid session.
  const revoked = isRevoked(sessionTokenId(token)).then(
    (value) => ({ value }),
    (error: unknown) => ({ error }),
  );
  const session = await verifiedSession(cookies);
  if (!session) return undefined;
  const outcome = await revoked;
  if ('error' in outcome) throw outcome.error;
  return outcome.value ? undefined : session.identity;
}

/** Cookie attributes: never readable by scripts, never sent cross-site. */
export function sessionCookie(token: string, maxAgeSeconds: number, secure: boolean): string {
  return `${SESSION_COOKIE}=${token}; Path=/; HttpOnly; SameSite=Strict; Max-Age=${maxAgeSeconds}${secure ? '; Secure' : ''}`;
}

import { createHash, randomBytes } from 'node:crypto';
import { DomainError } from '../errors.ts';
import { isWellFormed } from '../validation/text.ts';

/**
 * Console sign-in through the identity provider's hosted login (Cognito's managed login):
 * OAuth 2.0 authorization code with PKCE. The verifier, the state and where to go afterwards
 * travel in a short-lived, HttpOnly cookie; the callback checks them and keeps the ID token
 * as the session.
 */
export interface SignInConfig {
  /** e.g. https://u4ssc-platform.auth.eu-central-1.amazoncognito.com */
  domain: string;
  clientId: string;
  /** This site's callback, e.g. https://…/console/callback */
  redirectUri: string;
}

export type TokenExchange = (input: {
  domain: string;
  clientId: string;
  code: string;
  redirectUri: string;
  verifier: string;
}) => Promise<{
  idToken: string;
  expiresIn: number;
}>;

export const SIGN_IN_COOKIE = 'u4ssc_sign_in';
const SIGN_IN_MINUTES = 10;

export const CONSOLE_HOME = '/console';

/** Stands for this site's own origin when a path is resolved (the real one is not needed to compare). */
const SITE = 'https://site.invalid';
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point
const UNSAFE_IN_NEXT = /[\u0000-\u0020\u007f-\u00a0\u1680\u2000-\u200f\u2028-\u202f\u205f-\u206f\u3000\ufeff\\]/;

/**
 * Where to go after signing in (or after a console form): only a path of this site. The value
 * is resolved with `new URL` against the site's origin, as a browser would, and kept only if
 * it stays on that origin; anything else — another host ("//evil.example", "/\tevil"), a
 * scheme, whitespace or control characters a browser drops (tab, CR, LF, U+2028), backslashes
 * — gives the console home. The answer is the normalised path, percent-encoded, safe in a
 * Location header.
 */
export function safeNext(value: unknown): string {
  if (typeof value !== 'string' || !value.startsWith('/') || value.length > 2000) return CONSOLE_HOME;
  if (UNSAFE_IN_NEXT.test(value) || !isWellFormed(value)) return CONSOLE_HOME;
  let url: URL;
  try {
    url = new URL(value, SITE);
  } catch {
    return CONSOLE_HOME;
  }
  if (url.origin !== SITE || url.pathname.startsWith('//')) return CONSOLE_HOME;
  return `${url.pathname}${url.search}${url.hash}`;
}

const base64url = (bytes: Buffer) => bytes.toString('base64url');

export function startSignIn(config: SignInConfig, next: string | undefined) {
  const verifier = base64url(randomBytes(32));
  const state = base64url(randomBytes(16));
  const challenge = base64url(createHash('sha256').update(verifier).digest());
  const url = new URL('/oauth2/authorize', config.domain);
  url.search = new URLSearchParams({
    response_type: 'code',
    client_id: config.clientId,
    redirect_uri: config.redirectUri,
    scope: 'openid email profile',
    state,
    code_challenge: challenge,
    code_challenge_method: 'S256',
  }).toString();
  const cookie = base64url(Buffer.from(JSON.stringify({ verifier, state, next: safeNext(next) })));
  return {
    location: url.toString(),
    cookie: `${SIGN_IN_COOKIE}=${cookie}; Path=/console; HttpOnly; Secure; SameSite=Lax; Max-Age=${SIGN_IN_MINUTES * 60}`,
  };
}

export async function finishSignIn(
  config: SignInConfig,
  exchange: TokenExchange,
  input: { code: string | undefined; state: string | undefined; cookie: string | undefined },
) {
  let pending: { verifier?: unknown; state?: unknown; next?: unknown } = {};
  try {
    pending = JSON.parse(Buffer.from(input.cookie ?? '', 'base64url').toString('utf8'));
  } catch {
    // handled below
  }
  if (!input.code || !input.state || typeof pending.verifier !== 'string' || pending.state !== input.state) {
    throw new DomainError(
      400,
      'Bad Request',
      'The sign-in could not be completed (expired or from another browser). Sign in again.',
    );
  }
  const { idToken, expiresIn } = await exchange({
    domain: config.domain,
    clientId: config.clientId,
    code: input.code,
    redirectUri: config.redirectUri,
    verifier: pending.verifier,
  });
  return {
    location: safeNext(typeof pending.next === 'string' ? pending.next : undefined),
    idToken,
    expiresIn,
    clearCookie: `${SIGN_IN_COOKIE}=; Path=/console; HttpOnly; Secure; SameSite=Lax; Max-Age=0`,
  };
}

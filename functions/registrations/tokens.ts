import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** 256 random bits, URL-safe: unguessable links for verification and self-service. */
export const newToken = (): string => randomBytes(32).toString('base64url');

/** Short random ids for records (128 bits). */
export const newId = (): string =>
  randomBytes(16)
    .toString('base64url')
    .replace(/[-_]/g, (c) => (c === '-' ? 'x' : 'y'));

/** Verification tokens are stored only as this hash, so a leaked table cannot confirm anyone. */
export const hashToken = (token: string): string => createHash('sha256').update(token).digest('hex');

/** Compares without leaking, through timing, how much of a token matched. */
export function sameToken(given: string | undefined, expected: string | undefined): boolean {
  if (!given || !expected) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

import { createHash } from 'node:crypto';

/**
 * Console sessions end on the server: signing out records the session's token as revoked
 * until the token would have expired, and every console request checks that record, so a
 * copied or left-behind cookie opens nothing after sign-out. The token is never stored, only
 * its hash.
 */
export type IsSessionRevoked = (tokenId: string) => Promise<boolean>;
export type RevokeSession = (tokenId: string, expiresAt: Date, now: Date) => Promise<void>;

/** The id a session is recorded under: the SHA-256 of its token, base64url. */
export const sessionTokenId = (token: string) => createHash('sha256').update(token).digest('base64url');

export interface SignOutDeps {
  revoke: RevokeSession;
  now: () => Date;
}

/**
 * Ends a session: a verified, unexpired token is recorded as revoked; anything else (no
 * cookie, a forged or expired token) has nothing to revoke.
 */
export async function signOut(
  deps: SignOutDeps,
  session: { token: string; expiresAt: Date } | undefined,
): Promise<{ revoked: boolean }> {
  const now = deps.now();
  if (!session || session.expiresAt.getTime() <= now.getTime()) return { revoked: false };
  await deps.revoke(sessionTokenId(session.token), session.expiresAt, now);
  return { revoked: true };
}

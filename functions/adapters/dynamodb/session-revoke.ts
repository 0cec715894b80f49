import type { RevokeSession } from '../../identity/sessions.ts';
import { type Permission, tableAccess } from '../permissions.ts';
import type { Store } from './store.ts';

/** IAM for the call below (only the sign-out route writes). */
export const PERMISSIONS: readonly Permission[] = /* @__PURE__ */ tableAccess('dynamodb:PutItem');

/** Records a signed-out session until its token expires (TTL removes it afterwards). */
export function sessionRevoker(store: Store): RevokeSession {
  const { revokedSession } = store.entities;
  return async (tokenId, expiresAt, now) => {
    await revokedSession
      .put({ tokenId, revokedAt: now.toISOString(), expiresAt: Math.ceil(expiresAt.getTime() / 1000) })
      .go({ response: 'none' });
  };
}

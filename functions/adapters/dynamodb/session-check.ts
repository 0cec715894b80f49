import type { IsSessionRevoked } from '../../identity/sessions.ts';
import { type Permission, tableAccess } from '../permissions.ts';
import type { Store } from './store.ts';

/** IAM for the call below: every console request reads one item. */
export const PERMISSIONS: readonly Permission[] = /* @__PURE__ */ tableAccess('dynamodb:GetItem');

/** Whether a console session was signed out (its revocation is kept until the token expires). */
export function revokedSessionCheck(store: Store): IsSessionRevoked {
  const { revokedSession } = store.entities;
  return async (tokenId) => {
    const { data } = await revokedSession.get({ tokenId }).go({ attributes: ['tokenId'] });
    return data !== null;
  };
}

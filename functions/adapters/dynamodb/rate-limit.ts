import type { RateLimiter } from '../../http/middleware.ts';
import { type Permission, tableAccess } from '../permissions.ts';
import { isConditionFailure } from './conditions.ts';
import type { Store } from './store.ts';

/** IAM for the calls below. */
export const PERMISSIONS: readonly Permission[] = /* @__PURE__ */ tableAccess('dynamodb:UpdateItem');

/**
 * A fixed-window counter per client in DynamoDB: one conditional update per request, so the
 * limit holds across every Lambda container. Windows expire by TTL.
 */
export function dynamoRateLimiter(store: Store, options: { limit: number; windowSeconds: number }): RateLimiter {
  const { rateWindow } = store.entities;
  return async (client, now) => {
    const windowMs = options.windowSeconds * 1000;
    const start = Math.floor(now.getTime() / windowMs) * windowMs;
    const retryAfterSeconds = Math.max(1, Math.ceil((start + windowMs - now.getTime()) / 1000));
    try {
      await rateWindow
        .update({ client, window: new Date(start).toISOString() })
        .add({ count: 1 })
        .set({ expiresAt: Math.floor((start + 2 * windowMs) / 1000) })
        .where((attr, op) => `${op.notExists(attr.count)} OR ${op.lt(attr.count, options.limit)}`)
        .go({ response: 'none' });
      return { allowed: true, retryAfterSeconds: 0 };
    } catch (error) {
      if (isConditionFailure(error)) return { allowed: false, retryAfterSeconds };
      throw error;
    }
  };
}

import type { RateLimiter } from '../../http/middleware.ts';
import { type Permission, tableAccess } from '../permissions.ts';
import type { Store } from './store.ts';

/** IAM for the calls below. */
export const PERMISSIONS: readonly Permission[] = /* @__PURE__ */ tableAccess('dynamodb:UpdateItem');

/** A client's requests in this container's current window. */
interface Window {
  start: number;
  /** The shared count (every container's flushed requests) as DynamoDB last answered it. */
  shared: number;
  /** Requests allowed here and not yet added to the shared count. */
  unflushed: number;
}

/** Windows kept in memory before the ones of past windows are dropped. */
const MAX_CLIENTS = 10_000;

/**
 * A fixed-window counter per client, counted in this container and added to a shared counter in
 * DynamoDB (one `UpdateItem … ADD`, answering the new total) every `flushEvery` requests of a
 * client: a client making a few requests costs no write, one making many is counted across
 * containers and stopped on the shared total. Within one container the limit is exact; across
 * N containers a client may pass it by at most N × (flushEvery − 1). Refused requests are not
 * counted. Windows expire by TTL.
 */
export function dynamoRateLimiter(
  store: Store,
  options: { limit: number; windowSeconds: number; flushEvery?: number },
): RateLimiter {
  const { rateWindow } = store.entities;
  const flushEvery = Math.max(1, options.flushEvery ?? 5);
  // A plain record, not a Map: these are memory reads, not DynamoDB calls.
  let windows: Record<string, Window> = {};
  let clients = 0;

  async function flush(client: string, window: Window, windowMs: number) {
    const adding = window.unflushed;
    window.unflushed = 0;
    try {
      const { data } = await rateWindow
        .update({ client, window: new Date(window.start).toISOString() })
        .add({ count: adding })
        .set({ expiresAt: Math.floor((window.start + 2 * windowMs) / 1000) })
        .go({ response: 'updated_new' });
      window.shared = Math.max(window.shared, Number(data?.count ?? 0));
    } catch (error) {
      window.unflushed += adding;
      throw error;
    }
  }

  return async (client, now) => {
    const windowMs = options.windowSeconds * 1000;
    const start = Math.floor(now.getTime() / windowMs) * windowMs;
    const retryAfterSeconds = Math.max(1, Math.ceil((start + windowMs - now.getTime()) / 1000));
    let window = windows[client];
    if (!window || window.start !== start) {
      if (clients >= MAX_CLIENTS) {
        windows = Object.fromEntries(Object.entries(windows).filter(([, old]) => old.start === start));
        clients = Object.keys(windows).length;
      }
      if (!window) clients++;
      window = { start, shared: 0, unflushed: 0 };
      windows[client] = window;
    }
    if (window.shared + window.unflushed >= options.limit) return { allowed: false, retryAfterSeconds };
    window.unflushed++;
    if (window.unflushed >= flushEvery) await flush(client, window, windowMs);
    return window.shared > options.limit
      ? { allowed: false, retryAfterSeconds }
      : { allowed: true, retryAfterSeconds: 0 };
  };
}

import { waitingCount } from '../../governance/inbox.ts';
import type { Identity } from '../../http/claims.ts';
import { governanceInboxReader } from '../dynamodb/governance-inbox.ts';
import { store } from '../dynamodb/store.ts';
import { once } from './core.ts';

/** The console navigation's count of governance requests waiting for the signed-in person (read-only). */
const reader = /* @__PURE__ */ once(() => governanceInboxReader(store()));

export const countWaiting = (identity: Identity) => waitingCount(reader(), identity);

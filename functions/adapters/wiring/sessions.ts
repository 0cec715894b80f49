import type { SignOutDeps } from '../../identity/sessions.ts';
import { revokedSessionCheck } from '../dynamodb/session-check.ts';
import { sessionRevoker } from '../dynamodb/session-revoke.ts';
import { store } from '../dynamodb/store.ts';
import { now, once } from './core.ts';

/** The console's session check: whether a session was signed out. */
export const isSessionRevoked = /* @__PURE__ */ once(() => revokedSessionCheck(store()));

/** Signing out: the sign-out route only. */
export const signOutDeps = /* @__PURE__ */ once((): SignOutDeps => ({ revoke: sessionRevoker(store()), now }));

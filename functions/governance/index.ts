import type { Role } from '../identity/roles.ts';
import { resolvePerson } from './bindings.ts';
import {
  auditCsv,
  castVote,
  closeDueVotes,
  getRequest,
  listRequests,
  openRequest,
  remindVoters,
  transitionRequest,
} from './engine.ts';
import type { GovernanceDeps } from './request.ts';

/**
 * The governance capability as the handlers call it: each operation first binds the caller's
 * roles to their records (bindings.ts), then runs the engine (engine.ts).
 */
type Caller = { email: string; roles: readonly Role[] } | undefined;

const personOf = (deps: GovernanceDeps, caller: Caller) => resolvePerson(deps, caller ?? { email: '', roles: [] });

export const open = async (deps: GovernanceDeps, caller: Caller, body: unknown) =>
  openRequest(deps, await personOf(deps, caller), body);

export const transition = async (deps: GovernanceDeps, caller: Caller, requestId: string, body: unknown) =>
  transitionRequest(deps, await personOf(deps, caller), requestId, body);

export const vote = async (deps: GovernanceDeps, caller: Caller, requestId: string, body: unknown) =>
  castVote(deps, await personOf(deps, caller), requestId, body);

export const list = async (deps: GovernanceDeps, caller: Caller, query: Record<string, string | undefined>) =>
  listRequests(deps, await personOf(deps, caller), {
    kind: query.kind,
    state: query.state,
    waiting: query.waiting === 'me' || query.waiting === 'true',
  });

export const get = async (deps: GovernanceDeps, caller: Caller, requestId: string) =>
  getRequest(deps, await personOf(deps, caller), requestId);

export const csv = async (deps: GovernanceDeps, caller: Caller, requestId: string) =>
  auditCsv(deps, await personOf(deps, caller), requestId);

export { closeDueVotes, remindVoters };

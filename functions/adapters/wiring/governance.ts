import { ENV, optionalEnv } from '../../config.ts';
import { kindOf } from '../../governance/kinds.ts';
import type { GovernanceDeps } from '../../governance/request.ts';
import type { StructureDeps } from '../../governance/structure.ts';
import { governanceDirectory, governanceRequestStore } from '../dynamodb/governance-requests.ts';
import { store } from '../dynamodb/store.ts';
import { structureStore } from '../dynamodb/thematic-groups.ts';
import { mailDispatcher } from '../mail-queue.ts';
import { now, once, publicBaseUrl } from './core.ts';

/** Governance requests, votes and their jobs (no PDF renderer here). */
export const governanceDeps = /* @__PURE__ */ once(
  (): GovernanceDeps => ({
    requests: governanceRequestStore(store(), now, (kind, state) => !!kindOf(kind).stages[state]?.vote),
    directory: governanceDirectory(store()),
    dispatch: (ids) => mailDispatcher().dispatch(ids),
    now,
    secretariatEmail: optionalEnv(ENV.secretariatEmail, 'u4ssc@itu.int'),
    publicBaseUrl: publicBaseUrl(),
  }),
);

/** Thematic groups, deliverables, contributions, offices (no documents bucket here: minutes are governance-documents'). */
export const structureDeps = /* @__PURE__ */ once(
  (): StructureDeps => ({
    structure: structureStore(store(), now),
    directory: governanceDirectory(store()),
    dispatch: (ids) => mailDispatcher().dispatch(ids),
    now,
    secretariatEmail: optionalEnv(ENV.secretariatEmail, 'u4ssc@itu.int'),
    publicBaseUrl: publicBaseUrl(),
  }),
);

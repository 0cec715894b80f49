import { ENV, requireEnv } from '../../config.ts';
import type { HubsDeps } from '../../hubs/operations.ts';
import type { DocumentStore } from '../../hubs/ports.ts';
import { hubRecordsStore } from '../dynamodb/hub-records.ts';
import { store } from '../dynamodb/store.ts';
import { mailDispatcher } from '../mail-queue.ts';
import { s3DocumentReader } from '../s3-reader.ts';
import { now, once, publicBaseUrl } from './core.ts';

/** Hubs: their records through the year, the report's review, the portfolio and the published reports. No PDF engine. */
export const hubsDeps = /* @__PURE__ */ once((): HubsDeps & { documents: Pick<DocumentStore, 'get'> } => ({
  store: hubRecordsStore(store(), now),
  documents: s3DocumentReader(),
  now,
  secretariatEmail: requireEnv(ENV.secretariatEmail),
  publicBaseUrl: publicBaseUrl(),
  dispatch: (ids) => mailDispatcher().dispatch(ids),
}));

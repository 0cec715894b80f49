import type { CircularsDeps } from '../../circulars/operations.ts';
import { renderPdf } from '../../documents/pdf.ts';
import { circularStore } from '../dynamodb/circulars.ts';
import { store } from '../dynamodb/store.ts';
import { mailDispatcher } from '../mail-queue.ts';
import { s3DocumentStore } from '../s3.ts';
import { now, once, publicBaseUrl } from './core.ts';

/**
 * Circulars: drafts, previews, issuing (renders and stores the PDFs), distribution. Renders
 * PDFs: only the functions that render (FUNCTIONS[…].renders in functions/routes.ts) may
 * import this.
 */
export const circularsDeps = /* @__PURE__ */ once(
  (): CircularsDeps => ({
    store: circularStore(store(), now),
    documents: s3DocumentStore(),
    renderPdf: (model) => renderPdf(model),
    dispatch: (ids) => mailDispatcher().dispatch(ids),
    now,
    publicBaseUrl: publicBaseUrl(),
  }),
);

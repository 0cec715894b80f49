import type { DocumentModel } from '../../documents/model.ts';
import { renderPdf } from '../../documents/pdf.ts';
import type { GovernanceDeps } from '../../governance/request.ts';
import type { MinutesDeps } from '../../governance/structure.ts';
import { s3DocumentStore } from '../s3.ts';
import { once } from './core.ts';
import { governanceDeps, structureDeps } from './governance.ts';

/**
 * Governance documents (decision records, the Annex II list). Renders PDFs: only the functions
 * that render (FUNCTIONS[…].renders in functions/routes.ts) may import this.
 */
export const governanceDocumentDeps = /* @__PURE__ */ once(
  (): GovernanceDeps & { renderPdf: (model: DocumentModel) => Promise<Buffer> } => ({
    ...governanceDeps(),
    renderPdf: (model) => renderPdf(model),
  }),
);

/** The minutes of e-meetings, into the documents bucket (only functions that write documents may import this). */
export const minutesDeps = /* @__PURE__ */ once((): MinutesDeps => ({ ...structureDeps(), files: s3DocumentStore() }));

/** Governance requests with their files in the documents bucket (only functions that write documents may import this). */
export const requestFilesDeps = /* @__PURE__ */ once(
  (): GovernanceDeps => ({ ...governanceDeps(), files: s3DocumentStore() }),
);

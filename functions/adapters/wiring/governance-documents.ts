import type { DocumentModel } from '../../documents/model.ts';
import { renderPdf } from '../../documents/pdf.ts';
import type { GovernanceDeps } from '../../governance/request.ts';
import { once } from './core.ts';
import { governanceDeps } from './governance.ts';

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

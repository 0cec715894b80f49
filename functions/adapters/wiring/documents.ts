import { ENV, optionalEnv } from '../../config.ts';
import { printableName } from '../../documents/glyphs.ts';
import type { DocumentModel } from '../../documents/model.ts';
import { renderPdf } from '../../documents/pdf.ts';
import { now, once } from './core.ts';

/**
 * What renders documents on its own (hub reports, personal invitations). Renders PDFs: only
 * the functions that render (FUNCTIONS[…].renders in functions/routes.ts) may import this.
 */
export const documentDeps = /* @__PURE__ */ once(() => ({
  renderPdf: (model: DocumentModel) => renderPdf(model),
  printableName,
  now,
  contactEmail: optionalEnv(ENV.secretariatEmail, 'u4ssc@itu.int'),
}));

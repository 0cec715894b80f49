import { renderPdf } from '../../documents/pdf.ts';
import type { HubReportsDeps } from '../../hubs/publish.ts';
import { s3DocumentStore } from '../s3.ts';
import { once } from './core.ts';
import { hubsDeps } from './hubs.ts';

/**
 * Hub reports as PDF: draft previews and publication. Renders PDFs: only the functions that
 * render (FUNCTIONS[…].renders in functions/routes.ts) may import this.
 */
export const hubReportsDeps = /* @__PURE__ */ once(
  (): HubReportsDeps => ({ ...hubsDeps(), documents: s3DocumentStore(), renderPdf: (model) => renderPdf(model) }),
);

import { governanceDocumentDeps } from '../adapters/wiring/governance-documents.ts';
import { annexIIPdf } from '../governance/index.ts';
import { httpHandler } from '../http/handler.ts';
import { pdf } from '../http/responses.ts';
import { routeFor } from '../routes.ts';

/** The Annex II list as PDF: /partners/annex-ii/ar.pdf */
export const handler = httpHandler(routeFor('GET /partners/annex-ii/{file}'), async ({ params }) => {
  const { pdf: body, filename } = await annexIIPdf(governanceDocumentDeps(), params.file ?? '');
  return pdf(filename, body, 'inline');
});

import { documentDeps } from '../adapters/wiring/documents.ts';
import { parseBody } from '../http/body.ts';
import { httpHandler } from '../http/handler.ts';
import { pdf } from '../http/responses.ts';
import { hubAnnualReportPdf, hubAnnualReportSchema } from '../hubs/annual-report.ts';
import { routeFor } from '../routes.ts';

export const handler = httpHandler(routeFor('POST /api/hub-reports/preview.pdf'), async ({ body }) => {
  const report = parseBody(hubAnnualReportSchema, body, 'The hub report data is not complete.');
  return pdf('hub-annual-report.pdf', await hubAnnualReportPdf(documentDeps(), report), 'inline');
});

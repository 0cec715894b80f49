import { documentDeps } from '../adapters/wiring/documents.ts';
import { httpHandler } from '../http/handler.ts';
import { pdf } from '../http/responses.ts';
import { hubAnnualReportPdf } from '../hubs/annual-report.ts';
import { routeFor } from '../routes.ts';

export const handler = httpHandler(routeFor('POST /api/hub-reports/preview.pdf'), async ({ body }) =>
  pdf('hub-annual-report.pdf', await hubAnnualReportPdf(documentDeps(), body), 'inline'),
);

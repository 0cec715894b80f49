import { hubReportsDeps } from '../adapters/wiring/hub-reports.ts';
import { httpHandler } from '../http/handler.ts';
import { pdf } from '../http/responses.ts';
import { checkYear } from '../hubs/operations.ts';
import { portfolioDocument } from '../hubs/portfolio-document.ts';
import { routeFor } from '../routes.ts';

/** The secretariat's yearly summary across hubs as PDF (`?year=`, default last year). */
export const handler = httpHandler(routeFor('GET /api/hub-portfolio.pdf'), async ({ query }) => {
  const deps = hubReportsDeps();
  const year = checkYear(query.year ?? String(deps.now().getUTCFullYear() - 1), deps.now());
  return pdf(`u4ssc-hubs-${year}.pdf`, await deps.renderPdf(await portfolioDocument(deps, year)), 'inline');
});

import { hubReportsDeps } from '../adapters/wiring/hub-reports.ts';
import { httpHandler } from '../http/handler.ts';
import { pdf } from '../http/responses.ts';
import { checkYear } from '../hubs/operations.ts';
import { previewHubReport } from '../hubs/publish.ts';
import { isLang } from '../i18n/languages.ts';
import { routeFor } from '../routes.ts';

/** The year's report as it stands, as PDF with "DRAFT" across it (`?lang=`, default en). */
export const handler = httpHandler(
  routeFor('GET /api/hubs/{hubId}/years/{year}/report.pdf'),
  async ({ params, query, identity }) => {
    const deps = hubReportsDeps();
    const year = checkYear(params.year, deps.now());
    const lang = isLang(query.lang) ? query.lang : 'en';
    const body = await previewHubReport(deps, identity, params.hubId ?? '', year, lang);
    return pdf(`${params.hubId}-annual-report-${year}-draft-${lang}.pdf`, body, 'inline');
  },
);

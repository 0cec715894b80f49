import { hubsDeps } from '../adapters/wiring/hubs.ts';
import { NotFoundError } from '../errors.ts';
import { httpHandler } from '../http/handler.ts';
import { pdf } from '../http/responses.ts';
import { checkYear } from '../hubs/operations.ts';
import { publishedReportPdf } from '../hubs/public.ts';
import { routeFor } from '../routes.ts';

/** A published hub report as PDF: /hubs/{hubId}/reports/2025/en.pdf (the latest edition, or `?edition=`). */
export const handler = httpHandler(routeFor('GET /hubs/{hubId}/reports/{year}/{file}'), async ({ params, query }) => {
  const deps = hubsDeps();
  const lang = /^([a-z]{2})\.pdf$/.exec(params.file ?? '')?.[1];
  if (!lang) throw new NotFoundError('Ask for <language>.pdf, e.g. en.pdf.');
  const edition = query.edition === undefined ? undefined : Number(query.edition);
  if (edition !== undefined && !Number.isInteger(edition)) throw new NotFoundError('No such edition.');
  const hubId = params.hubId ?? '';
  const year = checkYear(params.year, deps.now());
  const { report, document, body } = await publishedReportPdf(deps, hubId, year, lang, edition);
  return pdf(`${hubId}-annual-report-${year}-e${report.edition}-${lang}.pdf`, body, 'inline', {
    etag: `"${document.sha256}"`,
    'x-content-sha256': document.sha256,
  });
});

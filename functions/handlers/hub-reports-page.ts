import { hubsDeps } from '../adapters/wiring/hubs.ts';
import { httpHandler } from '../http/handler.ts';
import { html } from '../http/responses.ts';
import { listPublishedReports } from '../hubs/public.ts';
import { LANGUAGE_NAMES } from '../i18n/languages.ts';
import { translate } from '../i18n/messages.ts';
import { pageLang } from '../pages/registration.ts';
import { renderPage } from '../pages/render.ts';
import { routeFor } from '../routes.ts';

/** The published annual reports of the hubs (ToR §30), per hub and year, in six languages. */
export const handler = httpHandler(routeFor('GET /hubs/reports'), async ({ query, event }) => {
  const lang = pageLang(query, undefined, event.headers?.['accept-language']);
  const reports = await listPublishedReports(hubsDeps());
  const hubs = [...new Set(reports.map((r) => r.hubId))].map((hubId) => {
    const own = reports.filter((r) => r.hubId === hubId);
    return {
      name: own[0]?.hubName ?? hubId,
      reports: own.map((r) => ({
        year: r.year,
        edition: r.edition,
        publishedOn: r.publishedAt.slice(0, 10),
        corrects: r.corrects ?? null,
        documents: r.documents.map((d) => ({
          href: d.path,
          language: LANGUAGE_NAMES[d.lang],
          sha256: d.sha256,
        })),
      })),
    };
  });
  return html(
    200,
    renderPage('hub-reports', {
      title: translate(lang, 'hubReports.title'),
      lang,
      languagePath: '/hubs/reports',
      hubs,
    }),
  );
});

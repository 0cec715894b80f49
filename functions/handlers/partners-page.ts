import { governanceDocumentDeps } from '../adapters/wiring/governance-documents.ts';
import { annexII } from '../governance/index.ts';
import { httpHandler } from '../http/handler.ts';
import { html } from '../http/responses.ts';
import { pageLang } from '../pages/registration.ts';
import { renderPage } from '../pages/render.ts';
import { routeFor } from '../routes.ts';

/** The Annex II list of partners, from the records, in the six languages. */
export const handler = httpHandler(routeFor('GET /partners'), async ({ query, event }) => {
  const lang = pageLang(query, undefined, event.headers?.['accept-language']);
  const annex = await annexII(governanceDocumentDeps(), lang);
  return html(
    200,
    renderPage('annex-ii', { title: annex.labels.title ?? 'Annex II', lang, languagePath: '/partners', ...annex }),
  );
});

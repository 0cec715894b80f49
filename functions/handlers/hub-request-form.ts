import { governanceDeps } from '../adapters/wiring/governance.ts';
import { httpHandler } from '../http/handler.ts';
import { html } from '../http/responses.ts';
import { hubRequestPage } from '../pages/hub-request.ts';
import { pageLang } from '../pages/registration.ts';
import { renderPage } from '../pages/render.ts';
import { routeFor } from '../routes.ts';

/** The public hub request form (ToR §30); after sending or confirming, the same page says what happened. */
export const handler = httpHandler(routeFor('GET /hub-requests/new'), async ({ query, event }) => {
  const lang = pageLang(query, undefined, event.headers?.['accept-language']);
  const partners = await governanceDeps().directory.listPartners();
  const notice = query.sent ? 'sent' : query.verified ? 'verified' : undefined;
  const page = hubRequestPage({ lang, partners, ...(notice ? { notice } : {}) });
  return html(200, renderPage('hub-request', { ...page, languagePath: '/hub-requests/new' }));
});

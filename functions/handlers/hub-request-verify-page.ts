import { governanceDeps } from '../adapters/wiring/governance.ts';
import { httpHandler } from '../http/handler.ts';
import { html } from '../http/responses.ts';
import { hubRequestPage } from '../pages/hub-request.ts';
import { pageLang } from '../pages/registration.ts';
import { renderPage } from '../pages/render.ts';
import { routeFor } from '../routes.ts';

/** The emailed link opens a page with one button, so a mail scanner opening links confirms nothing. */
export const handler = httpHandler(
  routeFor('GET /hub-requests/{requestId}/verify'),
  async ({ params, query, event }) => {
    const lang = pageLang(query, undefined, event.headers?.['accept-language']);
    const partners = await governanceDeps().directory.listPartners();
    const page = hubRequestPage({
      lang,
      partners,
      confirm: { requestId: params.requestId ?? '', token: (query.token ?? '').slice(0, 200) },
    });
    return html(200, renderPage('hub-request', page));
  },
);

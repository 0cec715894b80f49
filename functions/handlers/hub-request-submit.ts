import { governanceDeps } from '../adapters/wiring/governance.ts';
import { publicWriteLimiter } from '../adapters/wiring/registrations.ts';
import { ValidationError } from '../errors.ts';
import { submitPublicHubRequest } from '../governance/index.ts';
import { httpHandler } from '../http/handler.ts';
import { html, json, seeOther } from '../http/responses.ts';
import { hubRequestPage } from '../pages/hub-request.ts';
import { pageLang } from '../pages/registration.ts';
import { renderPage } from '../pages/render.ts';
import { routeFor } from '../routes.ts';

/** The form and the JSON API share this handler: a form with errors comes back filled in; sent → 303. */
export const handler = httpHandler(
  routeFor('POST /hub-requests'),
  async ({ body, query, event }) => {
    const form = /x-www-form-urlencoded/i.test(event.headers?.['content-type'] ?? '');
    const lang = pageLang(query, body, event.headers?.['accept-language']);
    try {
      await submitPublicHubRequest(governanceDeps(), body, lang);
    } catch (error) {
      if (!form || !(error instanceof ValidationError)) throw error;
      const partners = await governanceDeps().directory.listPartners();
      const errors = (error.extensions.errors ?? {}) as Record<string, string>;
      const codes = Object.fromEntries(
        Object.entries(errors).map(([field, message]) => [field, /^[a-z-]+$/.test(message) ? message : 'required']),
      );
      const values = (body && typeof body === 'object' ? body : {}) as Record<string, unknown>;
      const page = hubRequestPage({ lang, partners, values, errors: codes });
      return html(400, renderPage('hub-request', { ...page, languagePath: '/hub-requests/new' }));
    }
    return form ? seeOther(`/hub-requests/new?lang=${lang}&sent=1`) : json(202, { status: 'check-your-email' });
  },
  { rateLimiter: publicWriteLimiter, maxBodyBytes: 32 * 1024 },
);

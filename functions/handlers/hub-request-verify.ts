import { governanceDeps } from '../adapters/wiring/governance.ts';
import { publicWriteLimiter } from '../adapters/wiring/registrations.ts';
import { NotFoundError } from '../errors.ts';
import { verifyPublicRequest } from '../governance/index.ts';
import { parseBody } from '../http/body.ts';
import { httpHandler } from '../http/handler.ts';
import { html, seeOther } from '../http/responses.ts';
import { isLang } from '../i18n/languages.ts';
import { hubRequestPage } from '../pages/hub-request.ts';
import { renderPage } from '../pages/render.ts';
import { routeFor } from '../routes.ts';
import * as z from '../validation/zod.ts';

export const verifyBody = z.object({
  token: z.string().check(z.minLength(1), z.maxLength(200)),
  lang: z.optional(z.string().check(z.maxLength(5))),
});

export const handler = httpHandler(
  routeFor('POST /hub-requests/{requestId}/verify'),
  async ({ params, body }) => {
    const input = parseBody(verifyBody, body);
    const lang = isLang(input.lang) ? input.lang : 'en';
    try {
      await verifyPublicRequest(governanceDeps(), params.requestId ?? '', input.token);
    } catch (error) {
      if (!(error instanceof NotFoundError)) throw error;
      const page = hubRequestPage({ lang, partners: [], notice: 'invalid' });
      return html(404, renderPage('hub-request', page));
    }
    return seeOther(`/hub-requests/new?lang=${lang}&verified=1`);
  },
  { rateLimiter: publicWriteLimiter },
);

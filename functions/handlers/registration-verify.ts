import { publicWriteLimiter, registrationsDeps } from '../adapters/wiring/registrations.ts';
import { parseBody } from '../http/body.ts';
import { httpHandler } from '../http/handler.ts';
import { html, seeOther } from '../http/responses.ts';
import { alreadyConfirmedPage, invalidLinkPage, managePath, pageLang } from '../pages/registration.ts';
import { AlreadyConfirmedError, InvalidLinkError, verifyRegistration } from '../registrations/operations.ts';
import { verifyBody } from '../registrations/requests.ts';
import { routeFor } from '../routes.ts';

export const handler = httpHandler(
  routeFor('POST /meetings/{meetingId}/registrations/{registrationId}/verify'),
  async ({ params, query, body, event }) => {
    const fields = parseBody(verifyBody, body);
    const lang = pageLang(query, body, event.headers?.['accept-language']);
    const token = fields.token ?? query.token ?? '';
    try {
      const registration = await verifyRegistration(
        registrationsDeps(),
        params.meetingId ?? '',
        params.registrationId ?? '',
        token,
      );
      return seeOther(managePath(registration, lang, 'confirmed'));
    } catch (error) {
      if (error instanceof AlreadyConfirmedError) return html(200, alreadyConfirmedPage(lang, error.registration));
      if (error instanceof InvalidLinkError) return html(410, invalidLinkPage(lang));
      throw error;
    }
  },
  { rateLimiter: publicWriteLimiter, maxBodyBytes: 8 * 1024 },
);

import { publicWriteLimiter, registrationsDeps } from '../adapters/wiring/registrations.ts';
import { parseBody } from '../http/body.ts';
import { httpHandler } from '../http/handler.ts';
import { html, seeOther } from '../http/responses.ts';
import { invalidLinkPage, managePath, pageLang } from '../pages/registration.ts';
import { InvalidLinkError, withdrawRegistration } from '../registrations/operations.ts';
import { withdrawBody } from '../registrations/requests.ts';
import { routeFor } from '../routes.ts';

export const handler = httpHandler(
  routeFor('POST /meetings/{meetingId}/registrations/{registrationId}/withdraw'),
  async ({ params, query, body, event }) => {
    const { token } = parseBody(withdrawBody, body);
    const lang = pageLang(query, body, event.headers?.['accept-language']);
    try {
      const registration = await withdrawRegistration(
        registrationsDeps(),
        params.meetingId ?? '',
        params.registrationId ?? '',
        token,
      );
      return seeOther(managePath(registration, lang, 'withdrawn'));
    } catch (error) {
      if (error instanceof InvalidLinkError) return html(410, invalidLinkPage(lang, 'manage.invalid'));
      throw error;
    }
  },
  { rateLimiter: publicWriteLimiter, maxBodyBytes: 8 * 1024 },
);

import { publicWriteLimiter, registrationsDeps } from '../adapters/wiring/registrations.ts';
import { parseBody } from '../http/body.ts';
import { httpHandler } from '../http/handler.ts';
import { html } from '../http/responses.ts';
import { translate } from '../i18n/messages.ts';
import { invalidLinkPage, messagePage, pageLang, registrationPath } from '../pages/registration.ts';
import { renderPage } from '../pages/render.ts';
import { InvalidLinkError, verifyRegistration } from '../registrations/operations.ts';
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
      const status =
        registration.status === 'approved' || registration.status === 'waitlisted' ? registration.status : 'pending';
      const manage = `${registrationPath(registration)}?token=${registration.manageToken}&lang=${lang}`;
      return html(
        200,
        renderPage(
          'message',
          messagePage(lang, translate(lang, 'verify.title'), [translate(lang, `verify.${status}`)], {
            href: manage,
            label: translate(lang, 'verify.manage'),
          }),
        ),
      );
    } catch (error) {
      if (error instanceof InvalidLinkError) return html(410, invalidLinkPage(lang));
      throw error;
    }
  },
  { rateLimiter: publicWriteLimiter, maxBodyBytes: 8 * 1024 },
);

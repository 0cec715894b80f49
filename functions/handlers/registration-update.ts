import { publicWriteLimiter, registrationsDeps } from '../adapters/wiring/registrations.ts';
import { ValidationError } from '../errors.ts';
import { parseBody } from '../http/body.ts';
import { httpHandler } from '../http/handler.ts';
import { html, seeOther } from '../http/responses.ts';
import { invalidLinkPage, managePage, managePath, pageLang } from '../pages/registration.ts';
import { renderPage } from '../pages/render.ts';
import { InvalidLinkError, openRegistration, updateRegistrationDetails } from '../registrations/operations.ts';
import { updateBody } from '../registrations/requests.ts';
import { routeFor } from '../routes.ts';

export const handler = httpHandler(
  routeFor('POST /meetings/{meetingId}/registrations/{registrationId}/update'),
  async ({ params, query, body, event }) => {
    const { token } = parseBody(updateBody, body);
    const lang = pageLang(query, body, event.headers?.['accept-language']);
    const [meetingId, registrationId] = [params.meetingId ?? '', params.registrationId ?? ''];
    try {
      const { registration, remoderated } = await updateRegistrationDetails(
        registrationsDeps(),
        meetingId,
        registrationId,
        token,
        body,
        lang,
      );
      return seeOther(managePath(registration, lang, remoderated ? 'remoderated' : 'saved'));
    } catch (error) {
      if (error instanceof InvalidLinkError) return html(410, invalidLinkPage(lang, 'manage.invalid'));
      if (error instanceof ValidationError) {
        const opened = await openRegistration(registrationsDeps(), meetingId, registrationId, token);
        const errors = error.extensions.errors as Record<string, string>;
        return html(
          400,
          renderPage('manage', managePage({ ...opened, token, lang, values: body as Record<string, unknown>, errors })),
        );
      }
      throw error;
    }
  },
  { rateLimiter: publicWriteLimiter, maxBodyBytes: 32 * 1024 },
);

import { publicWriteLimiter, registrationsDeps } from '../adapters/wiring/registrations.ts';
import { ValidationError } from '../errors.ts';
import { parseBody } from '../http/body.ts';
import { httpHandler } from '../http/handler.ts';
import { html, seeOther } from '../http/responses.ts';
import { translate } from '../i18n/messages.ts';
import { invalidLinkPage, pageLang } from '../pages/registration.ts';
import { deleteRegistrationData, InvalidLinkError } from '../registrations/operations.ts';
import { deleteBody } from '../registrations/requests.ts';
import { routeFor } from '../routes.ts';

export const handler = httpHandler(
  routeFor('POST /meetings/{meetingId}/registrations/{registrationId}/delete'),
  async ({ params, query, body, event }) => {
    const fields = parseBody(deleteBody, body);
    const lang = pageLang(query, body, event.headers?.['accept-language']);
    if (fields.confirm !== 'on' && fields.confirm !== true) {
      throw new ValidationError(translate(lang, 'manage.deleteHint'), { confirm: translate(lang, 'errors.required') });
    }
    try {
      await deleteRegistrationData(
        registrationsDeps(),
        params.meetingId ?? '',
        params.registrationId ?? '',
        fields.token,
      );
      return seeOther(`/meetings/${encodeURIComponent(params.meetingId ?? '')}?lang=${lang}&done=deleted`);
    } catch (error) {
      if (error instanceof InvalidLinkError) return html(410, invalidLinkPage(lang, 'manage.invalid'));
      throw error;
    }
  },
  { rateLimiter: publicWriteLimiter, maxBodyBytes: 8 * 1024 },
);

import { registrationsDeps } from '../adapters/wiring/registrations.ts';
import { httpHandler } from '../http/handler.ts';
import { html } from '../http/responses.ts';
import { translate } from '../i18n/messages.ts';
import { alreadyConfirmedPage, invalidLinkPage, pageLang } from '../pages/registration.ts';
import { renderPage } from '../pages/render.ts';
import { meetingSummary } from '../registrations/notifications.ts';
import { AlreadyConfirmedError, InvalidLinkError, previewVerification } from '../registrations/operations.ts';
import { routeFor } from '../routes.ts';

/**
 * The link in the verification email asks for one click: mail scanners that open links on
 * their own would otherwise use up the single-use link before the registrant does.
 */
export const handler = httpHandler(
  routeFor('GET /meetings/{meetingId}/registrations/{registrationId}/verify'),
  async ({ params, query, event }) => {
    const lang = pageLang(query, undefined, event.headers?.['accept-language']);
    const token = query.token ?? '';
    try {
      const { registration, meeting } = await previewVerification(
        registrationsDeps(),
        params.meetingId ?? '',
        params.registrationId ?? '',
        token,
      );
      return html(
        200,
        renderPage('verify', {
          title: meetingSummary(meeting, lang).title,
          lang,
          languagePath: `${event.rawPath}?token=${encodeURIComponent(token)}`,
          meeting: meetingSummary(meeting, lang),
          email: registration.email,
          token,
          action: `${event.rawPath}?lang=${lang}`,
          button: translate(lang, 'verify.confirm'),
        }),
      );
    } catch (error) {
      if (error instanceof AlreadyConfirmedError) return html(200, alreadyConfirmedPage(lang, error.registration));
      if (error instanceof InvalidLinkError) return html(410, invalidLinkPage(lang));
      throw error;
    }
  },
);

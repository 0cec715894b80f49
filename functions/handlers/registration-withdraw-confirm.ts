import { registrationsDeps } from '../adapters/wiring/registrations.ts';
import { httpHandler } from '../http/handler.ts';
import { html, seeOther } from '../http/responses.ts';
import { invalidLinkPage, managePath, pageLang, withdrawPage } from '../pages/registration.ts';
import { renderPage } from '../pages/render.ts';
import { InvalidLinkError, openRegistration } from '../registrations/operations.ts';
import { routeFor } from '../routes.ts';

/** Withdrawing asks first: this page, then a POST from its button. */
export const handler = httpHandler(
  routeFor('GET /meetings/{meetingId}/registrations/{registrationId}/withdraw'),
  async ({ params, query, event }) => {
    const lang = pageLang(query, undefined, event.headers?.['accept-language']);
    const token = query.token ?? '';
    try {
      const opened = await openRegistration(
        registrationsDeps(),
        params.meetingId ?? '',
        params.registrationId ?? '',
        token,
      );
      const { status } = opened.registration;
      if (status === 'withdrawn' || status === 'rejected') return seeOther(managePath(opened.registration, lang));
      return html(200, renderPage('withdraw', withdrawPage({ ...opened, lang })));
    } catch (error) {
      if (error instanceof InvalidLinkError) return html(410, invalidLinkPage(lang, 'manage.invalid'));
      throw error;
    }
  },
);

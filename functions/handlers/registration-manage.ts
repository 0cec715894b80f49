import { registrationsDeps } from '../adapters/wiring/registrations.ts';
import { httpHandler } from '../http/handler.ts';
import { html } from '../http/responses.ts';
import { invalidLinkPage, isManageDone, managePage, pageLang } from '../pages/registration.ts';
import { renderPage } from '../pages/render.ts';
import { InvalidLinkError, openRegistration } from '../registrations/operations.ts';
import { routeFor } from '../routes.ts';

export const handler = httpHandler(
  routeFor('GET /meetings/{meetingId}/registrations/{registrationId}'),
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
      return html(
        200,
        renderPage(
          'manage',
          managePage({ ...opened, token, lang, done: isManageDone(query.done) ? query.done : undefined }),
        ),
        { 'cache-control': 'no-store' },
      );
    } catch (error) {
      if (error instanceof InvalidLinkError) return html(410, invalidLinkPage(lang, 'manage.invalid'));
      throw error;
    }
  },
);

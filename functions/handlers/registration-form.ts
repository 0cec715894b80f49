import { now } from '../adapters/wiring/core.ts';
import { meetingsDeps } from '../adapters/wiring/meetings.ts';
import { httpHandler } from '../http/handler.ts';
import { html } from '../http/responses.ts';
import { getMeeting } from '../meetings/index.ts';
import { checkEmailPage, pageLang, registerPage, sentAddress } from '../pages/registration.ts';
import { renderPage } from '../pages/render.ts';
import { routeFor } from '../routes.ts';

export const handler = httpHandler(routeFor('GET /meetings/{meetingId}/register'), async ({ params, query, event }) => {
  const lang = pageLang(query, undefined, event.headers?.['accept-language']);
  if (query.sent === '1')
    return html(200, renderPage('message', checkEmailPage(lang, sentAddress(event.cookies), params.meetingId ?? '')));
  const meeting = await getMeeting(meetingsDeps(), params.meetingId ?? '');
  return html(200, renderPage('register', registerPage(meeting, lang, now())));
});

import { now } from '../adapters/wiring/core.ts';
import { meetingsDeps } from '../adapters/wiring/meetings.ts';
import { httpHandler } from '../http/handler.ts';
import { html } from '../http/responses.ts';
import { getMeeting } from '../meetings/index.ts';
import { meetingPage, pageLang } from '../pages/registration.ts';
import { renderPage } from '../pages/render.ts';
import { routeFor } from '../routes.ts';

export const handler = httpHandler(routeFor('GET /meetings/{meetingId}'), async ({ params, query, event }) => {
  const lang = pageLang(query, undefined, event.headers?.['accept-language']);
  const meeting = await getMeeting(meetingsDeps(), params.meetingId ?? '');
  return html(200, renderPage('meeting', { ...meetingPage(meeting, lang, now()), deleted: query.done === 'deleted' }));
});

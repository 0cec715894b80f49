import { circularsDeps } from '../adapters/wiring/circulars.ts';
import { meetingsDeps } from '../adapters/wiring/meetings.ts';
import { circularLanguages, listCirculars } from '../circulars/operations.ts';
import { httpHandler } from '../http/handler.ts';
import { html } from '../http/responses.ts';
import { listAllMeetings } from '../meetings/index.ts';
import { circularsPage } from '../pages/console.ts';
import { renderPage } from '../pages/render.ts';
import { routeFor } from '../routes.ts';

/** Circulars, newest first, and the form that starts a new draft. */
export const handler = httpHandler(routeFor('GET /console/circulars'), async ({ identity }) => {
  const [circulars, meetings] = await Promise.all([listCirculars(circularsDeps()), listAllMeetings(meetingsDeps())]);
  const page = circularsPage({ circulars, meetings, languages: circularLanguages(), identity });
  return html(200, renderPage('console-circulars', page), { 'cache-control': 'no-store' });
});

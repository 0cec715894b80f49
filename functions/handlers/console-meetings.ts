import { now } from '../adapters/wiring/core.ts';
import { meetingsDeps } from '../adapters/wiring/meetings.ts';
import { httpHandler } from '../http/handler.ts';
import { html } from '../http/responses.ts';
import { listAllMeetings } from '../meetings/index.ts';
import { consoleMeetingsPage } from '../pages/console.ts';
import { renderPage } from '../pages/render.ts';
import { routeFor } from '../routes.ts';

export const handler = httpHandler(routeFor('GET /console'), async ({ identity }) => {
  const meetings = await listAllMeetings(meetingsDeps());
  return html(200, renderPage('console-meetings', consoleMeetingsPage(meetings, identity, now())), {
    'cache-control': 'no-store',
  });
});

import { meetingsDeps } from '../adapters/wiring/meetings.ts';
import { httpHandler } from '../http/handler.ts';
import { html } from '../http/responses.ts';
import { getMeeting } from '../meetings/index.ts';
import { meetingEditorPage } from '../pages/console.ts';
import { renderPage } from '../pages/render.ts';
import { routeFor } from '../routes.ts';

/** The editor: empty at /console/meetings/new, filled at /console/meetings/{meetingId}. */
export const handler = httpHandler(
  routeFor('GET /console/meetings/{meetingId}'),
  async ({ params, query, identity }) => {
    const meeting = params.meetingId ? await getMeeting(meetingsDeps(), params.meetingId) : undefined;
    const flash = query.saved ? 'Saved.' : null;
    return html(200, renderPage('console-meeting', meetingEditorPage({ meeting, identity, flash })), {
      'cache-control': 'no-store',
    });
  },
);

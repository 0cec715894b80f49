import { meetingsDeps } from '../adapters/wiring/meetings.ts';
import { registrationsDeps } from '../adapters/wiring/registrations.ts';
import { httpHandler } from '../http/handler.ts';
import { html } from '../http/responses.ts';
import { getMeeting } from '../meetings/index.ts';
import { registrationsPage } from '../pages/console.ts';
import { renderPage } from '../pages/render.ts';
import { listRegistrations } from '../registrations/operations.ts';
import { routeFor } from '../routes.ts';

export const handler = httpHandler(
  routeFor('GET /console/meetings/{meetingId}/registrations'),
  async ({ params, query, identity }) => {
    const meetingId = params.meetingId ?? '';
    const registrations = await listRegistrations(registrationsDeps(), meetingId, query.status);
    const meeting = await getMeeting(meetingsDeps(), meetingId);
    const flash = query.done ? query.done.slice(0, 2000) : null;
    return html(
      200,
      renderPage(
        'console-registrations',
        registrationsPage({ meeting, registrations, status: query.status, identity, flash }),
      ),
      {
        'cache-control': 'no-store',
      },
    );
  },
);

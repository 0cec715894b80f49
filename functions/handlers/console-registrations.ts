import { meetingsDeps } from '../adapters/wiring/meetings.ts';
import { registrationsDeps } from '../adapters/wiring/registrations.ts';
import { httpHandler } from '../http/handler.ts';
import { html } from '../http/responses.ts';
import { getMeeting } from '../meetings/index.ts';
import { registrationsPage } from '../pages/console.ts';
import { renderPage } from '../pages/render.ts';
import { listRegistrations } from '../registrations/operations.ts';
import { pageOfRegistrations, parseRegistrationQuery } from '../registrations/search.ts';
import { routeFor } from '../routes.ts';

/** A meeting's registrations: filtered by status, searched, sorted, fifty a page. */
export const handler = httpHandler(
  routeFor('GET /console/meetings/{meetingId}/registrations'),
  async ({ params, query, identity }) => {
    const meetingId = params.meetingId ?? '';
    const [registrations, meeting] = await Promise.all([
      listRegistrations(registrationsDeps(), meetingId, query.status || undefined),
      getMeeting(meetingsDeps(), meetingId),
    ]);
    const page = pageOfRegistrations(registrations, parseRegistrationQuery(query));
    const flash = query.done ? query.done.slice(0, 2000) : null;
    const view = registrationsPage({
      meeting,
      page,
      status: query.status || undefined,
      identity,
      flash,
      selectAll: query.select === 'all',
    });
    return html(200, renderPage('console-registrations', view), { 'cache-control': 'no-store' });
  },
);

import { circularsDeps } from '../adapters/wiring/circulars.ts';
import { dashboardDeps } from '../adapters/wiring/dashboard.ts';
import { meetingsDeps } from '../adapters/wiring/meetings.ts';
import { circularLanguages, listCirculars } from '../circulars/operations.ts';
import { CIRCULAR_STATES, circularStateFilter } from '../dashboard/dashboard.ts';
import { httpHandler } from '../http/handler.ts';
import { html } from '../http/responses.ts';
import { listAllMeetings } from '../meetings/index.ts';
import { circularsPage } from '../pages/console.ts';
import { renderPage } from '../pages/render.ts';
import { routeFor } from '../routes.ts';

/** Circulars, newest first, and the form that starts a new draft. */
export const handler = httpHandler(routeFor('GET /console/circulars'), async ({ identity, query }) => {
  // ?status=draft|issued|distributing, as the dashboard links them.
  const state = CIRCULAR_STATES.find((s) => s === query.status);
  const [circulars, meetings, shown] = await Promise.all([
    listCirculars(circularsDeps()),
    listAllMeetings(meetingsDeps()),
    state ? circularStateFilter(dashboardDeps(), state) : undefined,
  ]);
  const page = circularsPage({
    circulars: shown ? circulars.filter(shown) : circulars,
    meetings,
    languages: circularLanguages(),
    identity,
    state,
    deleted: query.deleted ? query.deleted.slice(0, 200) : undefined,
  });
  return html(200, renderPage('console-circulars', page), { 'cache-control': 'no-store' });
});

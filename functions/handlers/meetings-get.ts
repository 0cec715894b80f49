import { meetingsDeps } from '../adapters/wiring/meetings.ts';
import { httpHandler } from '../http/handler.ts';
import { json } from '../http/responses.ts';
import { getPublicMeeting } from '../meetings/index.ts';
import { routeFor } from '../routes.ts';

export const handler = httpHandler(routeFor('GET /api/meetings/{meetingId}'), async ({ params }) => {
  const meeting = await getPublicMeeting(meetingsDeps(), params.meetingId ?? '');
  return json(200, meeting);
});

import { meetingsDeps } from '../adapters/wiring/meetings.ts';
import { httpHandler } from '../http/handler.ts';
import { json } from '../http/responses.ts';
import { listMeetings } from '../meetings/index.ts';
import { routeFor } from '../routes.ts';

export const handler = httpHandler(routeFor('GET /api/meetings'), async () => {
  const meetings = await listMeetings(meetingsDeps());
  return json(200, { meetings });
});

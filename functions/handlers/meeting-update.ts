import { meetingAdminDeps } from '../adapters/wiring/meeting-admin.ts';
import { httpHandler } from '../http/handler.ts';
import { json } from '../http/responses.ts';
import { updateMeeting } from '../meetings/operations.ts';
import { routeFor } from '../routes.ts';

export const handler = httpHandler(routeFor('PATCH /api/meetings/{meetingId}'), async ({ params, body }) => {
  return json(200, await updateMeeting(meetingAdminDeps(), params.meetingId ?? '', body));
});

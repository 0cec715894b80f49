import { meetingAdminDeps } from '../adapters/wiring/meeting-admin.ts';
import { httpHandler } from '../http/handler.ts';
import { json } from '../http/responses.ts';
import { createMeeting } from '../meetings/operations.ts';
import { routeFor } from '../routes.ts';

export const handler = httpHandler(routeFor('POST /api/meetings'), async ({ body }) => {
  const meeting = await createMeeting(meetingAdminDeps(), body);
  return json(201, meeting, { location: `/api/meetings/${meeting.meetingId}` });
});

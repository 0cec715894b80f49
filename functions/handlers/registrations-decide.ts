import { registrationsDeps } from '../adapters/wiring/registrations.ts';
import { httpHandler } from '../http/handler.ts';
import { json } from '../http/responses.ts';
import { decideRegistrations } from '../registrations/operations.ts';
import { routeFor } from '../routes.ts';

export const handler = httpHandler(
  routeFor('POST /api/meetings/{meetingId}/registrations/decisions'),
  async ({ params, body, identity }) => {
    const results = await decideRegistrations(
      registrationsDeps(),
      params.meetingId ?? '',
      (body ?? {}) as object,
      identity?.email ?? 'secretariat',
    );
    return json(200, { results });
  },
);

import { registrationsDeps } from '../adapters/wiring/registrations.ts';
import { parseBody } from '../http/body.ts';
import { httpHandler } from '../http/handler.ts';
import { json } from '../http/responses.ts';
import { decideRegistrations } from '../registrations/operations.ts';
import { decisionsBody } from '../registrations/requests.ts';
import { routeFor } from '../routes.ts';

export const handler = httpHandler(
  routeFor('POST /api/meetings/{meetingId}/registrations/decisions'),
  async ({ params, body, identity }) => {
    const results = await decideRegistrations(
      registrationsDeps(),
      params.meetingId ?? '',
      parseBody(decisionsBody, body, 'The bulk decision is incomplete.'),
      identity?.email ?? 'secretariat',
    );
    return json(200, { results });
  },
);

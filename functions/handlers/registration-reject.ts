import { registrationsDeps } from '../adapters/wiring/registrations.ts';
import { parseBody } from '../http/body.ts';
import { httpHandler } from '../http/handler.ts';
import { json } from '../http/responses.ts';
import { rejectRegistration } from '../registrations/operations.ts';
import { rejectBody } from '../registrations/requests.ts';
import { forSecretariat } from '../registrations/views.ts';
import { routeFor } from '../routes.ts';

export const handler = httpHandler(
  routeFor('POST /api/meetings/{meetingId}/registrations/{registrationId}/reject'),
  async ({ params, body, identity }) => {
    const input = parseBody(rejectBody, body);
    const registration = await rejectRegistration(
      registrationsDeps(),
      params.meetingId ?? '',
      params.registrationId ?? '',
      input,
      identity?.email ?? 'secretariat',
    );
    return json(200, forSecretariat(registration));
  },
);

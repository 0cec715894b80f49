import { registrationsDeps } from '../adapters/wiring/registrations.ts';
import { parseBody } from '../http/body.ts';
import { httpHandler } from '../http/handler.ts';
import { json } from '../http/responses.ts';
import { approveRegistration } from '../registrations/operations.ts';
import { approveBody } from '../registrations/requests.ts';
import { forSecretariat } from '../registrations/views.ts';
import { routeFor } from '../routes.ts';

export const handler = httpHandler(
  routeFor('POST /api/meetings/{meetingId}/registrations/{registrationId}/approve'),
  async ({ params, body, identity }) => {
    parseBody(approveBody, body);
    const registration = await approveRegistration(
      registrationsDeps(),
      params.meetingId ?? '',
      params.registrationId ?? '',
      identity?.email ?? 'secretariat',
    );
    return json(200, forSecretariat(registration));
  },
);

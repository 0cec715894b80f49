import { registrationsDeps } from '../adapters/wiring/registrations.ts';
import { httpHandler } from '../http/handler.ts';
import { csv } from '../http/responses.ts';
import { exportRegistrationsCsv } from '../registrations/views.ts';
import { routeFor } from '../routes.ts';

export const handler = httpHandler(
  routeFor('GET /console/meetings/{meetingId}/registrations.csv'),
  async ({ params, query }) => {
    const meetingId = params.meetingId ?? '';
    return csv(
      `${meetingId}-registrations.csv`,
      await exportRegistrationsCsv(registrationsDeps(), meetingId, query.status),
    );
  },
);

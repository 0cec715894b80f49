import { registrationsDeps } from '../adapters/wiring/registrations.ts';
import { httpHandler } from '../http/handler.ts';
import { json } from '../http/responses.ts';
import { exportRegistrationData } from '../registrations/operations.ts';
import { routeFor } from '../routes.ts';

export const handler = httpHandler(
  routeFor('GET /meetings/{meetingId}/registrations/{registrationId}/data.json'),
  async ({ params, query }) => {
    const data = await exportRegistrationData(
      registrationsDeps(),
      params.meetingId ?? '',
      params.registrationId ?? '',
      query.token ?? '',
    );
    return json(200, data, {
      'content-disposition': `attachment; filename="u4ssc-registration-${params.registrationId}.json"`,
      'cache-control': 'no-store',
    });
  },
);

import { registrationsDeps } from '../adapters/wiring/registrations.ts';
import { httpHandler } from '../http/handler.ts';
import { json } from '../http/responses.ts';
import { listRegistrations } from '../registrations/operations.ts';
import { forSecretariat } from '../registrations/views.ts';
import { routeFor } from '../routes.ts';

export const handler = httpHandler(
  routeFor('GET /api/meetings/{meetingId}/registrations'),
  async ({ params, query }) => {
    const registrations = await listRegistrations(registrationsDeps(), params.meetingId ?? '', query.status);
    return json(200, { registrations: registrations.map(forSecretariat) }, { 'cache-control': 'no-store' });
  },
);

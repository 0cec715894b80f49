import { registrationsDeps } from '../adapters/wiring.ts';
import { httpHandler } from '../http/handler.ts';
import { exportRegistrationsCsv } from '../registrations/views.ts';
import { routeFor } from '../routes.ts';

export const handler = httpHandler(
  routeFor('GET /api/meetings/{meetingId}/registrations.csv'),
  async ({ params, query }) => {
    const meetingId = params.meetingId ?? '';
    const csv = await exportRegistrationsCsv(registrationsDeps(), meetingId, query.status);
    return {
      statusCode: 200,
      headers: {
        'content-type': 'text/csv; charset=utf-8',
        'content-disposition': `attachment; filename="${meetingId.replace(/[^\w.-]/g, '_')}-registrations.csv"`,
        'cache-control': 'no-store',
      },
      body: csv,
    };
  },
);

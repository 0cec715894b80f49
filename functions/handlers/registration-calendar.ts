import { registrationsDeps } from '../adapters/wiring/registrations.ts';
import { httpHandler } from '../http/handler.ts';
import { calendarFile } from '../registrations/calendar-file.ts';
import { routeFor } from '../routes.ts';

export const handler = httpHandler(
  routeFor('GET /meetings/{meetingId}/registrations/{registrationId}/calendar.ics'),
  async ({ params, query }) => {
    const entry = await calendarFile(
      registrationsDeps(),
      params.meetingId ?? '',
      params.registrationId ?? '',
      query.token ?? '',
    );
    return {
      statusCode: 200,
      headers: {
        'content-type': entry.contentType,
        'content-disposition': `attachment; filename="u4ssc-${params.meetingId}.ics"`,
        'cache-control': 'no-store',
      },
      body: entry.content.toString('utf8'),
    };
  },
);

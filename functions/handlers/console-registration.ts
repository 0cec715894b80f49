import { emailLogDeps } from '../adapters/wiring/mail.ts';
import { registrationsDeps } from '../adapters/wiring/registrations.ts';
import { httpHandler } from '../http/handler.ts';
import { html } from '../http/responses.ts';
import { emailLog } from '../mail/log.ts';
import { registrationDetailPage } from '../pages/console.ts';
import { renderPage } from '../pages/render.ts';
import { registrationRecord } from '../registrations/record.ts';
import { routeFor } from '../routes.ts';

/** One registration: the full record, its decisions (audit trail) and its emails; decide from here. */
export const handler = httpHandler(
  routeFor('GET /console/meetings/{meetingId}/registrations/{registrationId}'),
  async ({ params, query, identity }) => {
    const meetingId = params.meetingId ?? '';
    const registrationId = params.registrationId ?? '';
    const [record, { messages: emails, cursor }] = await Promise.all([
      registrationRecord(registrationsDeps(), meetingId, registrationId),
      emailLog(emailLogDeps(), { meetingId, registrationId }),
    ]);
    const view = registrationDetailPage({
      ...record,
      emails,
      emailsCursor: cursor,
      identity,
      flash: query.done ? query.done.slice(0, 2000) : null,
    });
    return html(200, renderPage('console-registration', view), { 'cache-control': 'no-store' });
  },
);

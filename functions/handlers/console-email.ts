import { emailLogDeps } from '../adapters/wiring/mail.ts';
import { httpHandler } from '../http/handler.ts';
import { html } from '../http/responses.ts';
import { emailAsSent } from '../mail/log.ts';
import { emailPage } from '../pages/console-emails.ts';
import { renderPage } from '../pages/render.ts';
import { routeFor } from '../routes.ts';

/** One email of the log as it was sent: subject, text and HTML, with its delivery record. */
export const handler = httpHandler(routeFor('GET /console/emails/{messageId}'), async ({ params, query, identity }) => {
  const { message, rendered } = await emailAsSent(emailLogDeps(), params.messageId ?? '');
  const page = emailPage({ message, rendered, identity, flash: query.done ? query.done.slice(0, 2000) : null });
  return html(200, renderPage('console-email', page), { 'cache-control': 'no-store' });
});

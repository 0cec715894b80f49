import { emailLogDeps } from '../adapters/wiring/mail.ts';
import { ValidationError } from '../errors.ts';
import { httpHandler } from '../http/handler.ts';
import { html } from '../http/responses.ts';
import { emailLog } from '../mail/log.ts';
import { OUTBOX_STATUSES } from '../mail/outbox.ts';
import { emailLogPage } from '../pages/console-emails.ts';
import { renderPage } from '../pages/render.ts';
import { routeFor } from '../routes.ts';

export const handler = httpHandler(routeFor('GET /console/emails'), async ({ query, identity, event }) => {
  const status = OUTBOX_STATUSES.find((s) => s === query.status);
  const days = Number(query.days);
  const filter = {
    meetingId: query.meetingId || undefined,
    circularId: query.circularId || undefined,
    recipient: query.recipient || undefined,
    status,
    days: status && Number.isInteger(days) && days > 0 && days <= 366 ? days : undefined,
  };
  const back = `${event.rawPath}${event.rawQueryString ? `?${event.rawQueryString}` : ''}`;
  // The bare page (from the menu) shows the search form alone.
  if (!filter.meetingId && !filter.circularId && !filter.recipient && !filter.status) {
    return html(200, renderPage('console-emails', emailLogPage({ filter, messages: [], identity, back, flash: null })));
  }
  try {
    const messages = await emailLog(emailLogDeps(), filter);
    return html(
      200,
      renderPage('console-emails', emailLogPage({ filter, messages, identity, back, flash: query.done ?? null })),
      { 'cache-control': 'no-store' },
    );
  } catch (error) {
    if (!(error instanceof ValidationError)) throw error;
    return html(
      200,
      renderPage(
        'console-emails',
        emailLogPage({ filter, messages: [], identity, back, flash: null, error: error.message }),
      ),
    );
  }
});

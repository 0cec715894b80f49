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
    registrationId: (query.meetingId && query.registrationId) || undefined,
    circularId: query.circularId || undefined,
    recipient: query.recipient || undefined,
    status,
    days: status && Number.isInteger(days) && days > 0 && days <= 366 ? days : undefined,
    cursor: query.cursor || undefined,
  };
  const back = `${event.rawPath}${event.rawQueryString ? `?${event.rawQueryString}` : ''}`;
  // The bare page (from the menu) shows the search form alone.
  if (!filter.meetingId && !filter.circularId && !filter.recipient && !filter.status) {
    return html(200, renderPage('console-emails', emailLogPage({ filter, messages: [], identity, back, flash: null })));
  }
  try {
    const { messages, cursor } = await emailLog(emailLogDeps(), filter);
    const older = cursor ? olderHref(event.rawQueryString, cursor) : null;
    return html(
      200,
      renderPage(
        'console-emails',
        emailLogPage({ filter, messages, identity, back, flash: query.done ?? null, older }),
      ),
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

/** The same view from where this page ended (the flash of a resend is not carried over). */
function olderHref(rawQuery: string, cursor: string): string {
  const params = new URLSearchParams(rawQuery);
  params.delete('done');
  params.set('cursor', cursor);
  return `/console/emails?${params.toString()}`;
}

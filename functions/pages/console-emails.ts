import type { Identity } from '../http/claims.ts';
import type { EmailLogFilter } from '../mail/log.ts';
import type { OutboxMessage } from '../mail/outbox.ts';

/** The console's email log page. */
export function emailLogPage(input: {
  filter: EmailLogFilter;
  messages: OutboxMessage[];
  identity: Identity | undefined;
  back: string;
  flash: string | null;
  error?: string;
}) {
  const time = (iso: string | undefined) => (iso ? iso.slice(0, 19).replace('T', ' ') : '');
  return {
    title: 'Email log',
    consoleUser: input.identity ? { email: input.identity.email } : null,
    flash: input.flash,
    error: input.error ?? null,
    back: input.back,
    filter: {
      meetingId: input.filter.meetingId ?? '',
      circularId: input.filter.circularId ?? '',
      recipient: input.filter.recipient ?? '',
    },
    statusFilter: input.filter.status
      ? `${input.filter.status}${input.filter.days ? ` in the last ${input.filter.days} days` : ''}`
      : null,
    rows: input.messages.length
      ? input.messages.map((m) => ({
          messageId: encodeURIComponent(m.messageId),
          createdAt: time(m.createdAt),
          recipient: m.recipient,
          template: m.template,
          language: m.language,
          status: statusLabel(m),
          attempts: m.attempts,
          lastError: m.lastError ?? '',
          sentAt: time(m.sentAt),
        }))
      : null,
  };
}

/** Waiting (to be retried, SES failing) is not failed (given up): the log says which. */
function statusLabel(m: OutboxMessage): string {
  if (m.status !== 'queued') return m.status;
  if (!m.lastError) return 'queued';
  const retry = m.claimedUntil ? `, next try ${m.claimedUntil.slice(11, 16)} UTC` : '';
  return `waiting to be retried${retry}`;
}

import type { Identity } from '../http/claims.ts';
import { type EmailLogFilter, renderAsSent } from '../mail/log.ts';
import type { OutboxMessage } from '../mail/outbox.ts';
import type { RenderedEmail } from '../mail/render.ts';

/** The console's email log page. */
export function emailLogPage(input: {
  filter: EmailLogFilter;
  messages: OutboxMessage[];
  identity: Identity | undefined;
  back: string;
  flash: string | null;
  error?: string;
  /** The next (older) page of the same view. */
  older?: string | null;
}) {
  const time = (iso: string | undefined) => (iso ? iso.slice(0, 19).replace('T', ' ') : '');
  return {
    title: 'Email log',
    consoleUser: input.identity ? { email: input.identity.email } : null,
    flash: input.flash,
    error: input.error ?? null,
    back: input.back,
    older: input.older ?? null,
    continued: Boolean(input.filter.cursor),
    registrationFilter: input.filter.registrationId
      ? `of registration ${input.filter.registrationId} of meeting ${input.filter.meetingId ?? ''}`
      : null,
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
          subject: renderAsSent(m)?.subject ?? m.template,
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

/** One email as it was sent: subject, text and the HTML (shown in a sandboxed frame). */
export function emailPage(input: {
  message: OutboxMessage;
  rendered: RenderedEmail | undefined;
  identity: Identity | undefined;
  flash: string | null;
}) {
  const { message: m, rendered } = input;
  const time = (iso: string | undefined) => (iso ? `${iso.slice(0, 19).replace('T', ' ')} UTC` : '—');
  return {
    title: `Email: ${rendered?.subject ?? m.template}`,
    consoleUser: input.identity ? { email: input.identity.email } : null,
    flash: input.flash,
    messageId: encodeURIComponent(m.messageId),
    back: `/console/emails/${encodeURIComponent(m.messageId)}`,
    subject: rendered?.subject ?? null,
    text: rendered?.text ?? null,
    htmlSource: rendered?.html ?? null,
    document: m.document ? 'Its body is the circular itself, as issued.' : null,
    facts: [
      { label: 'To', value: m.recipient },
      { label: 'Email', value: `${m.template} (${m.language})` },
      { label: 'Status', value: statusLabel(m) },
      { label: 'Attempts', value: String(m.attempts) },
      ...(m.lastError ? [{ label: 'Last error', value: m.lastError }] : []),
      { label: 'Queued', value: time(m.createdAt) },
      { label: 'Sent', value: time(m.sentAt) },
      ...(m.sesMessageId ? [{ label: 'SES message id', value: m.sesMessageId }] : []),
      { label: 'Attachments', value: (m.attachments ?? []).map((a) => a.kind).join(', ') || 'none' },
    ],
    links: m.links
      ? 'Its personal links are made when it is sent and are never stored: they are shown as placeholders.'
      : null,
    recipientLog: `/console/emails?recipient=${encodeURIComponent(m.recipient)}`,
  };
}

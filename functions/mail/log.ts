import { NotFoundError, ValidationError } from '../errors.ts';
import { type NewOutboxMessage, OUTBOX_STATUSES, type OutboxMessage } from './outbox.ts';

/**
 * The email log the console shows: every outbox message about a meeting, a circular or a
 * person, with its status, attempts and last error; and a resend that queues the same message
 * again (its attachments are made again at send time, not stored twice).
 */
export interface EmailLogStore {
  /** Messages in a status, oldest first; with `since`, only those that reached it since then. */
  listByStatus(status: OutboxMessage['status'], since?: string): Promise<OutboxMessage[]>;
  get(messageId: string): Promise<OutboxMessage | undefined>;
  queueMessages(messages: NewOutboxMessage[]): Promise<string[]>;
}

export interface EmailLogFilter {
  meetingId?: string | undefined;
  circularId?: string | undefined;
  recipient?: string | undefined;
  /** With a meeting: one registration's emails. */
  registrationId?: string | undefined;
  /** Messages in this status (e.g. failed) that reached it in the last `days` days. */
  status?: OutboxMessage['status'] | undefined;
  days?: number | undefined;
}

export async function emailLog(
  deps: { store: EmailLogStore; now: () => Date },
  filter: EmailLogFilter,
): Promise<OutboxMessage[]> {
  if (!filter.meetingId && !filter.circularId && !filter.recipient && !filter.status) {
    throw new ValidationError('Say whose emails to show.', {
      filter: 'Give a meeting, a circular, an email address or a status.',
    });
  }
  const recipient = filter.recipient?.trim().toLowerCase();
  const since = filter.days ? new Date(deps.now().getTime() - filter.days * 86_400_000).toISOString() : undefined;
  const statuses = filter.status ? [filter.status] : OUTBOX_STATUSES;
  const all = (await Promise.all(statuses.map((status) => deps.store.listByStatus(status, since)))).flat();
  return all
    .filter(
      (m) =>
        (!filter.meetingId || m.meetingId === filter.meetingId) &&
        (!filter.registrationId || m.registrationId === filter.registrationId) &&
        (!filter.circularId || m.messageId.startsWith(`circular.${filter.circularId}.`)) &&
        (!recipient || m.recipient.toLowerCase() === recipient),
    )
    .sort((a, b) => b.createdAt.localeCompare(a.createdAt));
}

/** Queues the same email again, as a new message (the log keeps the first one as it was). */
export async function resendEmail(
  deps: { store: EmailLogStore; dispatch: (ids: string[]) => Promise<void>; now: () => Date },
  messageId: string,
): Promise<string> {
  const original = await deps.store.get(messageId);
  if (!original) throw new NotFoundError(`No email has the id "${messageId}".`);
  const {
    status: _s,
    statusAt: _a,
    attempts: _t,
    lastError: _e,
    sesMessageId: _m,
    createdAt: _c,
    sentAt: _d,
    inDoubt: _i,
    ...message
  } = original;
  const copy = { ...message, messageId: `${messageId.replace(/\.resend\.\d+$/, '')}.resend.${deps.now().getTime()}` };
  const queued = await deps.store.queueMessages([copy]);
  await deps.dispatch(queued);
  return copy.messageId;
}

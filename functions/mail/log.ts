import { NotFoundError, ValidationError } from '../errors.ts';
import { type NewOutboxMessage, OUTBOX_STATUSES, type OutboxMessage } from './outbox.ts';

/**
 * The email log the console shows: every outbox message about a meeting, a circular or a
 * person, with its status, attempts and last error; and a resend that queues the same message
 * again (its attachments are made again at send time, not stored twice).
 */
export interface EmailLogStore {
  listByStatus(status: OutboxMessage['status']): Promise<OutboxMessage[]>;
  get(messageId: string): Promise<OutboxMessage | undefined>;
  queueMessages(messages: NewOutboxMessage[]): Promise<string[]>;
}

export interface EmailLogFilter {
  meetingId?: string | undefined;
  circularId?: string | undefined;
  recipient?: string | undefined;
}

export async function emailLog(deps: { store: EmailLogStore }, filter: EmailLogFilter): Promise<OutboxMessage[]> {
  if (!filter.meetingId && !filter.circularId && !filter.recipient) {
    throw new ValidationError('Say whose emails to show.', {
      filter: 'Give a meeting, a circular or an email address.',
    });
  }
  const recipient = filter.recipient?.trim().toLowerCase();
  const all = (await Promise.all(OUTBOX_STATUSES.map((status) => deps.store.listByStatus(status)))).flat();
  return all
    .filter(
      (m) =>
        (!filter.meetingId || m.meetingId === filter.meetingId) &&
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

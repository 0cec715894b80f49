import { ConflictError, NotFoundError, ValidationError } from '../errors.ts';
import type { NewOutboxMessage, OutboxMessage } from './outbox.ts';
import { type RenderedEmail, renderEmail } from './render.ts';

/**
 * The email log the console shows: every outbox message about a meeting, a circular or a
 * person, with its status, attempts and last error; and a resend that queues the same message
 * again (its attachments are made again at send time, not stored twice).
 */
export interface EmailLogStore {
  /**
   * One page of the log, newest first, read from the index of `view` alone (the narrowing
   * filters apply within it); `cursor` continues where the previous page ended.
   */
  page(view: EmailLogView, narrow: EmailLogNarrowing, page: { limit: number; cursor?: string }): Promise<EmailLogPage>;
  get(messageId: string): Promise<OutboxMessage | undefined>;
  queueMessages(messages: NewOutboxMessage[]): Promise<string[]>;
  /** The current status of the registration a message is about, if it still exists. */
  registrationStatus(meetingId: string, registrationId: string): Promise<string | undefined>;
  /** The current state of the governance request a message is about, if it still exists. */
  requestState(requestId: string): Promise<string | undefined>;
}

/** Placeholders for the personal links a message gets when it is sent (they are never stored). */
const LINK_PLACEHOLDERS: Record<string, string> = {
  manage: 'https://…/(personal self-service link, made when sent)',
  verify: 'https://…/(personal confirmation link, made when sent)',
};

/**
 * A message as it was sent: its subject, text and HTML from its template, language and values,
 * the personal links shown as placeholders. A circular's body is its document (see the circular).
 */
export function renderAsSent(message: OutboxMessage): RenderedEmail | undefined {
  try {
    const data = message.links
      ? {
          ...message.data,
          links: { ...(message.data.links as Record<string, string> | undefined), ...LINK_PLACEHOLDERS },
        }
      : message.data;
    return renderEmail(message.template, message.language, data);
  } catch {
    return undefined;
  }
}

/** One message of the log, and how it reads. */
export async function emailAsSent(deps: { store: EmailLogStore }, messageId: string) {
  const message = await deps.store.get(messageId);
  if (!message) throw new NotFoundError(`No email has the id "${messageId}".`);
  return { message, rendered: renderAsSent(message) };
}

/**
 * The status a registrant's email is about: sending it again once the registration has moved
 * on would tell the registrant something no longer true (a confirmation link for a registration
 * already confirmed, an approval since withdrawn).
 */
const STATUS_OF_TEMPLATE: Record<string, string> = {
  'verify-email.to-registrant': 'unverified',
  'registration-pending.to-registrant': 'pending',
  'registration-approved.to-registrant': 'approved',
  'registration-waitlisted.to-registrant': 'waitlisted',
  'registration-rejected.to-registrant': 'rejected',
  'registration-withdrawn.to-registrant': 'withdrawn',
  'meeting-reminder.to-registrant': 'approved',
  'meeting-changed.to-registrant': 'approved',
};
const STATUS_PHRASES: Record<string, string> = {
  unverified: 'waiting for its email address to be confirmed',
  pending: 'waiting for a decision',
  approved: 'approved',
  waitlisted: 'on the waiting list',
  rejected: 'rejected',
  withdrawn: 'withdrawn',
};

/** A hub request's verification email: its link confirms a request still unconfirmed only. */
async function refuseIfRequestConfirmed(deps: { store: EmailLogStore }, message: OutboxMessage): Promise<void> {
  const links = message.links && 'requestId' in message.links ? message.links : undefined;
  if (!links?.verify) return;
  const state = await deps.store.requestState(links.requestId);
  if (state === undefined) throw new ConflictError('Not sent again: the request it is about no longer exists.');
  // The state of a request whose address is not confirmed yet (governance/public.ts, UNVERIFIED).
  if (state !== 'unverified') {
    throw new ConflictError(
      `Not sent again: its confirmation link is for a request already confirmed, and the request is now ${state.replaceAll('-', ' ')}.`,
      { requestState: state },
    );
  }
}

async function refuseIfObsolete(deps: { store: EmailLogStore }, message: OutboxMessage): Promise<void> {
  await refuseIfRequestConfirmed(deps, message);
  const expected = STATUS_OF_TEMPLATE[message.template];
  const links = message.links && 'registrationId' in message.links ? message.links : undefined;
  const registrationId = message.registrationId ?? links?.registrationId;
  const meetingId = message.meetingId ?? links?.meetingId;
  if (!expected || !registrationId || !meetingId) return;
  const status = await deps.store.registrationStatus(meetingId, registrationId);
  if (status === undefined) {
    throw new ConflictError('Not sent again: the registration it is about no longer exists.');
  }
  if (status !== expected) {
    const what =
      message.template === 'verify-email.to-registrant'
        ? 'its confirmation link is for a registration already confirmed'
        : `it says the registration is ${STATUS_PHRASES[expected] ?? expected}`;
    throw new ConflictError(
      `Not sent again: ${what}, and the registration is now ${STATUS_PHRASES[status] ?? status}.`,
      { registrationStatus: status },
    );
  }
}

/** Which index a view of the log reads: one partition of it. */
export type EmailLogView =
  | { by: 'registration'; meetingId: string; registrationId: string }
  | { by: 'meeting'; meetingId: string }
  | { by: 'circular'; circularId: string }
  | { by: 'address'; address: string }
  /** By status, newest status change first; with `since`, only those that reached it since then. */
  | { by: 'status'; status: OutboxMessage['status']; since?: string | undefined };

/** Filters applied within the view's partition. */
export interface EmailLogNarrowing {
  status?: OutboxMessage['status'] | undefined;
  /** Reached `status` at or after this instant. */
  since?: string | undefined;
  address?: string | undefined;
  circularId?: string | undefined;
}

export interface EmailLogPage {
  messages: OutboxMessage[];
  /** Where the next (older) page starts; none on the last page. */
  cursor: string | undefined;
}

/** Emails per page of the log. */
export const EMAIL_LOG_PAGE = 50;

export interface EmailLogFilter {
  meetingId?: string | undefined;
  circularId?: string | undefined;
  recipient?: string | undefined;
  /** With a meeting: one registration's emails. */
  registrationId?: string | undefined;
  /** Messages in this status (e.g. failed) that reached it in the last `days` days. */
  status?: OutboxMessage['status'] | undefined;
  days?: number | undefined;
  /** Where the page starts (from the previous page). */
  cursor?: string | undefined;
  limit?: number | undefined;
}

/** The one index a filter reads: the narrowest of what it names. */
export function emailLogView(filter: EmailLogFilter, since: string | undefined): [EmailLogView, EmailLogNarrowing] {
  const address = filter.recipient?.trim().toLowerCase() || undefined;
  const status = filter.status;
  if (filter.meetingId && filter.registrationId) {
    const view = { by: 'registration' as const, meetingId: filter.meetingId, registrationId: filter.registrationId };
    return [view, { status, since, address, circularId: filter.circularId }];
  }
  if (filter.meetingId) {
    return [
      { by: 'meeting', meetingId: filter.meetingId },
      { status, since, address, circularId: filter.circularId },
    ];
  }
  if (filter.circularId)
    return [
      { by: 'circular', circularId: filter.circularId },
      { status, since, address },
    ];
  if (address)
    return [
      { by: 'address', address },
      { status, since },
    ];
  if (status) return [{ by: 'status', status, since }, {}];
  throw new ValidationError('Say whose emails to show.', {
    filter: 'Give a meeting, a circular, an email address or a status.',
  });
}

/** A cursor as the log hands them out: opaque, but of a bounded, URL-safe alphabet. */
const CURSOR = /^[A-Za-z0-9+/=_-]{1,2048}$/;

/** One page of the log, newest first, read from one index partition (see emailLogView). */
export async function emailLog(
  deps: { store: EmailLogStore; now: () => Date },
  filter: EmailLogFilter,
): Promise<EmailLogPage> {
  const since = filter.days ? new Date(deps.now().getTime() - filter.days * 86_400_000).toISOString() : undefined;
  const [view, narrowing] = emailLogView(filter, since);
  if (filter.cursor !== undefined && !CURSOR.test(filter.cursor)) {
    throw new ValidationError('That page of the email log does not exist.', {
      cursor: 'Start again from the first page.',
    });
  }
  const limit = Math.min(Math.max(1, Math.floor(filter.limit ?? EMAIL_LOG_PAGE)), EMAIL_LOG_PAGE);
  return deps.store.page(view, narrowing, { limit, ...(filter.cursor ? { cursor: filter.cursor } : {}) });
}

/** Queues the same email again, as a new message (the log keeps the first one as it was). */
export async function resendEmail(
  deps: { store: EmailLogStore; dispatch: (ids: string[]) => Promise<void>; now: () => Date },
  messageId: string,
): Promise<string> {
  const original = await deps.store.get(messageId);
  if (!original) throw new NotFoundError(`No email has the id "${messageId}".`);
  await refuseIfObsolete(deps, original);
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

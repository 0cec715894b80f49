/** An email waiting in, or delivered from, the outbox. */
export const OUTBOX_STATUSES = ['queued', 'sent', 'failed', 'suppressed'] as const;
export type OutboxStatus = (typeof OUTBOX_STATUSES)[number];

/** What to attach, made again at send time rather than stored. */
export type AttachmentSpec =
  | { kind: 'meeting-ics'; meetingId: string; registrationId: string; method: 'REQUEST' | 'CANCEL' }
  | { kind: 'circular-pdf'; circularId: string; lang: string }
  | { kind: 'invitation-pdf'; meetingId: string; registrationId: string }
  | { kind: 'decision-record-pdf'; requestId: string; lang: string };

export type DocumentSpec = { kind: 'circular'; circularId: string; lang: string };

/**
 * A registrant's secret links, made at send time and never stored with the message: the manage
 * link from the registration, and (with `verify`) a fresh verification link whose token only
 * the email carries (its SHA-256 goes to the registration).
 */
export interface LinkSpec {
  meetingId: string;
  registrationId: string;
  verify?: boolean;
}

/** A public governance request's verification link, made at send time (only its hash is stored, with the request). */
export interface RequestLinkSpec {
  requestId: string;
  verify: true;
  lang: string;
}

export interface NewOutboxMessage {
  /** Deterministic where a re-run must not send twice (the id is written once). */
  messageId: string;
  recipient: string;
  language: string;
  /** `<event>.to-<recipient>` under templates/emails/. */
  template: string;
  data: Record<string, unknown>;
  attachments?: AttachmentSpec[];
  /** A document that is the email's body (rendered at send time; the template gives the subject). */
  document?: DocumentSpec;
  /** Secret links merged into `data.links` at send time. */
  links?: LinkSpec | RequestLinkSpec;
  meetingId?: string;
  registrationId?: string;
}

export interface OutboxMessage extends NewOutboxMessage {
  status: OutboxStatus;
  statusAt: string;
  attempts: number;
  lastError?: string | undefined;
  sesMessageId?: string | undefined;
  createdAt: string;
  sentAt?: string | undefined;
  /** Set on a claim when the previous attempt was claimed but never concluded (its sender died). */
  inDoubt?: boolean;
  /** Held by a sender, or waiting for its retry time, until then. */
  claimedUntil?: string | undefined;
}

/**
 * An outbox message as the queue carries it to the sender beside its id, so that the sender can
 * claim it, check the address against the suppression list and (for a verification email)
 * store the new token's hash in one transaction, without reading the message first. The outbox
 * record stays the source of truth: a message handed over by id only (the re-drive, a job, a
 * body too large to carry) is read by its claim as before.
 */
export interface CarriedMessage extends NewOutboxMessage {
  /** The registrant's manage token for the manage link (the queue message is not stored). */
  manageToken?: string;
}

/** What a dispatcher hands the sender: an outbox id, or the message itself. */
export type Dispatched = string | CarriedMessage;

/** Queue bodies above this many characters carry the id only (SQS takes 256 KB per batch of ten). */
export const CARRY_LIMIT = 16_000;

/** The body of the sender's queue message. */
export function queueBody(entry: Dispatched): string {
  if (typeof entry === 'string') return JSON.stringify({ messageId: entry });
  const carried = JSON.stringify({ messageId: entry.messageId, carried: entry });
  return carried.length <= CARRY_LIMIT ? carried : JSON.stringify({ messageId: entry.messageId });
}

/** The id and, when carried, the message of a queue body. */
export function readQueueBody(body: string): { messageId: string; carried?: CarriedMessage } {
  const parsed = JSON.parse(body) as { messageId: string; carried?: CarriedMessage };
  return parsed.carried?.messageId === parsed.messageId
    ? { messageId: parsed.messageId, carried: parsed.carried }
    : { messageId: parsed.messageId };
}

export const dispatchedId = (entry: Dispatched) => (typeof entry === 'string' ? entry : entry.messageId);

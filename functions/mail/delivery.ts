import { log } from '../http/log.ts';
import type {
  AttachmentSpec,
  CarriedMessage,
  DocumentSpec,
  LinkSpec,
  OutboxMessage,
  RequestLinkSpec,
} from './outbox.ts';
import { renderEmail } from './render.ts';

/**
 * Delivery of outbox messages, one message per recipient.
 *
 * - A message is claimed (a lease, written with a condition) before it is sent, so two senders
 *   never send it at the same time, and marked sent with the SES message id afterwards.
 * - An address on the suppression list (hard bounce, complaint) is never sent to.
 * - Sends are paced to the configured rate; throttling and transient errors are retried with
 *   exponential backoff and jitter for as long as the message is younger than the retry window
 *   (`MAIL_RETRY_HOURS`, default 24): an outage of SES costs time, not email. A permanent
 *   refusal is marked failed at once.
 * - Only an error of the SES call itself is a failed send. Once SES has accepted the message, a
 *   failure to record it leaves the message "in doubt", never to be sent again blindly.
 * - A message claimed before but never marked (its sender died mid-way, or could not record the
 *   send) is "in doubt": SES's own record of sends (Send events, keyed by the outbox id the
 *   message carries in a header) decides whether it went out; only if it did not is it sent again.
 * - A message carried whole in its queue message is claimed in one transaction that also checks
 *   the suppression list and the registration it is for (for a verification email, storing the
 *   new token's hash): no read first. One left in doubt is claimed the long way (the claim
 *   answers its record).
 */
export const DEFAULT_RETRY_HOURS = 24;
export const DEFAULT_LEASE_MS = 60_000;
/** Emails queued longer than this (waiting for a retry or not) are reported: log line, alarm. */
export const WAIT_WARNING_MINUTES = 15;

export interface QueuedPage {
  messages: OutboxMessage[];
  /** Where the next page starts; absent on the last page. */
  cursor?: string | undefined;
}

/**
 * The registration an email is for, checked by the email's claim (the same transaction): with
 * `hash`, its new verification token's hash is stored on condition that the registration still
 * awaits verification; without, the claim holds on condition that the registration exists.
 */
export interface RegistrationCondition {
  meetingId: string;
  registrationId: string;
  hash?: string;
}

/**
 * The answer of a one-call claim: `claimed`; `busy` (sent, failed, or held by another sender);
 * `in-doubt` (claimable, but a previous attempt was never concluded); `suppressed` (the address
 * is on the suppression list; nothing claimed); `gone` (the registration is gone or verified
 * already; nothing claimed).
 */
export type CarriedClaim = 'claimed' | 'busy' | 'in-doubt' | 'suppressed' | 'gone';

export interface OutboxStore {
  /** Takes the message if it is queued and nobody holds it; undefined otherwise. */
  claim(messageId: string, now: Date, leaseMs: number): Promise<OutboxMessage | undefined>;
  /**
   * One transaction: takes the message if it is queued, nobody holds it and no attempt of it is
   * open, on condition that its recipient is not suppressed and that `registration` holds
   * (see RegistrationCondition). Writes nothing unless all hold.
   */
  claimCarried?(
    messageId: string,
    recipient: string,
    now: Date,
    leaseMs: number,
    registration?: RegistrationCondition,
  ): Promise<CarriedClaim>;
  /** The message as stored (its attempts and age, after a one-call claim). */
  get?(messageId: string): Promise<OutboxMessage | undefined>;
  markSent(messageId: string, sesMessageId: string, now: Date): Promise<void>;
  /** Leaves it queued, not to be claimed again before `retryAt`; the attempt is known to have failed. */
  markRetry(messageId: string, error: string, retryAt: Date): Promise<void>;
  markFailed(messageId: string, error: string, now: Date, status?: 'failed' | 'suppressed'): Promise<void>;
  /** Queued messages, oldest first. */
  listQueued(limit: number): Promise<OutboxMessage[]>;
  /** One page of queued messages, oldest first, from `cursor`. */
  queuedPage(limit: number, cursor?: string): Promise<QueuedPage>;
}

export interface Attachment {
  filename: string;
  contentType: string;
  content: Buffer;
}

export interface OutgoingEmail {
  /** The outbox id, carried in a header so that SES's send events can be matched to it. */
  outboxId: string;
  from: string;
  replyTo: string;
  to: string;
  subject: string;
  html: string;
  text: string;
  attachments: Attachment[];
}

/** Why a send failed: a throttle or transient fault is retried, a permanent one is not. */
export class MailError extends Error {
  readonly kind: 'throttled' | 'transient' | 'permanent';
  constructor(kind: 'throttled' | 'transient' | 'permanent', message: string) {
    super(message);
    this.name = 'MailError';
    this.kind = kind;
  }
}

export interface Mailer {
  /** Sends one email to one recipient; answers the provider's message id. Throws MailError. */
  send(email: OutgoingEmail): Promise<string>;
}

/**
 * What one email's delivery shares between its steps; made new for each message, so nothing is
 * shared between two emails.
 */
export interface DeliveryScope {
  /**
   * Reads shared by the email's links and attachments, which often read the same record (a
   * reminder's manage link and its calendar entry both read the registration): see readOnce.
   */
  reads: Map<string, Promise<unknown>>;
  /**
   * What a carried message's claim established of the registration it is for (that it exists;
   * the email's language), for what would otherwise read it.
   */
  checked?: CheckedRegistration;
}

export interface CheckedRegistration {
  meetingId: string;
  registrationId: string;
  language: string;
}

/** The read `key` of this delivery: made by `read` the first time, answered from `scope` after. */
export function readOnce<T>(scope: DeliveryScope, key: string, read: () => Promise<T>): Promise<T> {
  let pending = scope.reads.get(key) as Promise<T> | undefined;
  if (!pending) {
    pending = read();
    scope.reads.set(key, pending);
  }
  return pending;
}

export interface DeliveryDeps {
  outbox: OutboxStore;
  mailer: Mailer;
  makeAttachment: (spec: AttachmentSpec, scope: DeliveryScope) => Promise<Attachment | undefined>;
  /**
   * A registrant's secret links (manage, verify), made at send time so the outbox never holds
   * them; undefined when the message no longer has a purpose (registration gone or confirmed).
   */
  resolveLinks?: (
    spec: LinkSpec | RequestLinkSpec,
    scope: DeliveryScope,
  ) => Promise<Record<string, string> | undefined>;
  /**
   * The same links for a message carried whole (no read: the manage token travels with it), and
   * what its claim checks of the registration (and the verification token's hash it stores);
   * undefined when they cannot be made so (the message is then claimed the long way).
   */
  carriedLinks?: (
    spec: LinkSpec,
    carried: CarriedMessage,
  ) => { links: Record<string, string>; registration: RegistrationCondition } | undefined;
  /** The body of a message whose body is a document (a circular). */
  renderDocumentBody: (spec: DocumentSpec) => Promise<{ html: string; text: string }>;
  /** Whether an address is on the suppression list (hard bounces, complaints). */
  isSuppressed: (email: string) => Promise<boolean>;
  /** The SES message id of an outbox message SES reports as sent, if it does. */
  findSend: (outboxId: string) => Promise<string | undefined>;
  /** Waits for a slot at the configured sending rate. */
  pace: () => Promise<void>;
  from: string;
  replyTo: string;
  leaseMs?: number;
  /** How long transient failures are retried, counted from the message's creation. */
  retryForMs?: number;
  /** Logs a line when sending starts or stops failing (not one per message). */
  health?: SendHealth;
  now: () => Date;
}

/** `in-doubt`: SES accepted the message but recording it failed; SES's Send event settles it. */
export type DeliveryResult = 'sent' | 'not-claimed' | 'retry' | 'failed' | 'suppressed' | 'in-doubt';

type LogLine = (level: 'info' | 'warn' | 'error', message: string, fields: Record<string, unknown>) => void;

/**
 * Whether sends fail, per container: one log line when they start failing and one when they
 * work again, however many messages wait in between (no line per message and attempt).
 */
export function sendHealth(report: LogLine = log) {
  let failingSince: string | undefined;
  let failures = 0;
  return {
    failed(error: string, at: Date) {
      failures++;
      if (failingSince) return;
      failingSince = at.toISOString();
      report('warn', 'Email sending is failing; messages wait and are retried', { error });
    },
    succeeded(at: Date) {
      if (!failingSince) return;
      report('info', 'Email sending works again', {
        failingSince: failingSince,
        failingForSeconds: Math.round((at.getTime() - Date.parse(failingSince)) / 1000),
        failedAttempts: failures,
      });
      failingSince = undefined;
      failures = 0;
    },
  };
}
export type SendHealth = ReturnType<typeof sendHealth>;
/** This container's: the sender's consumer reports its own unreachable-store failures here too. */
export const containerHealth = sendHealth();

/** Header values never carry line breaks or other control characters (no header injection through a name or subject). */
// biome-ignore lint/suspicious/noControlCharactersInRegex: removing control characters is the point
export const headerSafe = (value: string) => value.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]+/g, ' ').trim();

/** Exponential backoff with full jitter: up to 1 s, 2 s, 4 s … capped at 5 minutes. */
export function backoffMs(attempt: number, random = Math.random()): number {
  const ceiling = Math.min(300_000, 1000 * 2 ** Math.max(0, attempt - 1));
  return Math.round(ceiling / 2 + (random * ceiling) / 2);
}

const GONE = 'Not sent: the registration is gone or no longer needs this email.';
const SUPPRESSED = 'The address is on the suppression list (bounce or complaint).';

/**
 * Sends one outbox message. With `carried` (the message as its queue message carries it), the
 * claim, the suppression check and the registration's check are one transaction.
 */
export async function deliverMessage(
  deps: DeliveryDeps,
  messageId: string,
  carried?: CarriedMessage,
): Promise<DeliveryResult> {
  if (carried && carried.messageId === messageId && deps.outbox.claimCarried) {
    const fast = await deliverCarried(deps, carried);
    if (fast !== 'long-way') return fast;
  }
  const message = await deps.outbox.claim(messageId, deps.now(), deps.leaseMs ?? DEFAULT_LEASE_MS);
  if (!message) return 'not-claimed';

  // A previous attempt that neither succeeded nor failed knowingly: did SES take it?
  if (message.inDoubt) {
    const sent = await deps.findSend(messageId);
    if (sent) {
      await deps.outbox.markSent(messageId, sent, deps.now());
      log('info', 'In-doubt email confirmed sent by SES; not sent again', { messageId });
      return 'sent';
    }
  }
  if (await deps.isSuppressed(message.recipient)) {
    await deps.outbox.markFailed(messageId, SUPPRESSED, deps.now(), 'suppressed');
    return 'suppressed';
  }
  return sendClaimed(deps, message, async (scope) => {
    if (!message.links) return {};
    const links = await deps.resolveLinks?.(message.links, scope);
    if (!links) throw new MailError('permanent', GONE);
    return links;
  });
}

/** The one-call claim of a carried message; `long-way` hands it to the claim that answers the record. */
async function deliverCarried(deps: DeliveryDeps, carried: CarriedMessage): Promise<DeliveryResult | 'long-way'> {
  const { messageId } = carried;
  let made: { links: Record<string, string>; registration?: RegistrationCondition } | undefined = { links: {} };
  if (carried.links) {
    made = 'requestId' in carried.links ? undefined : deps.carriedLinks?.(carried.links, carried);
    if (!made) return 'long-way';
  }
  const claim = await deps.outbox.claimCarried?.(
    messageId,
    carried.recipient,
    deps.now(),
    deps.leaseMs ?? DEFAULT_LEASE_MS,
    made.registration,
  );
  switch (claim) {
    case 'busy':
      return 'not-claimed';
    case 'in-doubt':
    case undefined:
      return 'long-way';
    case 'suppressed':
      await deps.outbox.markFailed(messageId, SUPPRESSED, deps.now(), 'suppressed');
      return 'suppressed';
    case 'gone':
      await deps.outbox.markFailed(messageId, GONE, deps.now());
      log('error', 'Email failed for good', { messageId, template: carried.template, error: GONE });
      return 'failed';
  }
  const links = made.links;
  // Attempts and age are not carried: a failure reads them (once, on the failure path only).
  const message: OutboxMessage = {
    ...carried,
    status: 'queued',
    statusAt: '',
    attempts: Number.NaN,
    createdAt: '',
  };
  const scope: DeliveryScope = { reads: new Map() };
  if (made.registration) {
    const { meetingId, registrationId } = made.registration;
    scope.checked = { meetingId, registrationId, language: carried.language };
  }
  return sendClaimed(deps, message, async () => links, scope);
}

/** Renders, sends and records a claimed message; `links` gives its secret links. */
async function sendClaimed(
  deps: DeliveryDeps,
  message: OutboxMessage,
  links: (scope: DeliveryScope) => Promise<Record<string, string>>,
  scope: DeliveryScope = { reads: new Map() },
): Promise<DeliveryResult> {
  const { messageId } = message;
  const health = deps.health ?? containerHealth;
  let sesMessageId: string;
  try {
    let data = message.data;
    if (message.links) {
      data = { ...data, links: { ...(data.links as Record<string, string> | undefined), ...(await links(scope)) } };
    }
    // A template that cannot render this message never will: that is a permanent failure.
    const template = renderOrRefuse(message.template, message.language, data);
    const rendered = message.document
      ? { ...template, ...(await deps.renderDocumentBody(message.document)) }
      : template;
    const attachments: Attachment[] = [];
    for (const spec of message.attachments ?? []) {
      const attachment = await deps.makeAttachment(spec, scope);
      if (attachment) attachments.push(attachment);
    }
    await deps.pace();
    sesMessageId = await deps.mailer.send({
      outboxId: messageId,
      from: deps.from,
      replyTo: deps.replyTo,
      to: message.recipient,
      subject: headerSafe(rendered.subject),
      html: rendered.html,
      text: rendered.text,
      attachments,
    });
  } catch (error) {
    return concludeFailure(deps, health, message, error);
  }
  health.succeeded(deps.now());
  try {
    await deps.outbox.markSent(messageId, sesMessageId, deps.now());
  } catch (error) {
    // SES has the message: the claim stays open (in doubt) and its Send event settles it once the
    // lease ends. Clearing it here would send the message a second time.
    log('error', 'Email sent but not recorded as sent; left in doubt for the Send event to settle', {
      messageId,
      sesMessageId,
      error: error instanceof Error ? `${error.name}: ${error.message}` : String(error),
    });
    return 'in-doubt';
  }
  return 'sent';
}

function renderOrRefuse(template: string, language: string, data: Record<string, unknown>) {
  try {
    return renderEmail(template, language, data);
  } catch (error) {
    const text = error instanceof Error ? error.message : String(error);
    throw new MailError('permanent', `The email cannot be rendered: ${text}`);
  }
}

/** A send that failed before or at SES: retried while young enough, unless SES refused it for good. */
async function concludeFailure(
  deps: DeliveryDeps,
  health: SendHealth,
  message: OutboxMessage,
  error: unknown,
): Promise<DeliveryResult> {
  if (!message.createdAt) {
    // Claimed in one call from a carried message: its attempts and age are in the record.
    const stored = await deps.outbox.get?.(message.messageId);
    message = { ...message, attempts: stored?.attempts ?? 1, createdAt: stored?.createdAt ?? deps.now().toISOString() };
  }
  const { messageId } = message;
  const text = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  const now = deps.now();
  const permanent = error instanceof MailError && error.kind === 'permanent';
  const retryForMs = deps.retryForMs ?? DEFAULT_RETRY_HOURS * 3_600_000;
  const age = now.getTime() - Date.parse(message.createdAt);
  if (permanent || age >= retryForMs) {
    const reason = permanent ? text : `Retried for ${Math.round(age / 60_000)} minutes without success: ${text}`;
    await deps.outbox.markFailed(messageId, reason, now);
    log('error', 'Email failed for good', {
      messageId,
      template: message.template,
      attempts: message.attempts,
      error: text,
    });
    return 'failed';
  }
  await deps.outbox.markRetry(messageId, text, new Date(now.getTime() + backoffMs(message.attempts)));
  // An outage is one line when it starts (and one when it ends); throttling is routine pacing.
  if (error instanceof MailError) {
    if (error.kind === 'transient') health.failed(text, now);
  } else log('warn', 'Email will be retried', { messageId, attempts: message.attempts, error: text });
  return 'retry';
}

/**
 * Paces sends to `perSecond` across everything in this process (a token bucket with a burst of
 * one second's worth). Each sender container paces itself; the stack runs few of them.
 */
export function createPacer(perSecond: number, now: () => number = () => Date.now()) {
  const capacity = Math.max(1, perSecond);
  let tokens = capacity;
  let last = now();
  let chain: Promise<void> = Promise.resolve();
  const take = async () => {
    for (;;) {
      const at = now();
      tokens = Math.min(capacity, tokens + ((at - last) / 1000) * perSecond);
      last = at;
      if (tokens >= 1) {
        tokens -= 1;
        return;
      }
      await new Promise((resolve) => setTimeout(resolve, Math.ceil(((1 - tokens) / perSecond) * 1000)));
    }
  };
  return () => {
    chain = chain.then(take);
    return chain;
  };
}

/** How long a redrive run may go on handing messages over: well inside the jobs function's 60 s. */
export const REDRIVE_BUDGET_MS = 40_000;

export interface RedriveResult {
  /** Messages handed to the sender. */
  redriven: number;
  /** Messages left alone because they wait for their retry time (SES failing). */
  waiting: number;
  /** Queued messages older than WAIT_WARNING_MINUTES, and the oldest one's age in minutes. */
  late: number;
  oldestMinutes: number;
  /** True when the time budget ended the run before the last queued message. */
  stoppedEarly: boolean;
}

/**
 * Queued messages nobody is sending: hand them to the sender again (after a crash, a lost queue
 * message, an outage). Goes through every queued message, page by page, until none is left or
 * the time budget is spent, handing each page over while reading the next. Messages waiting
 * for their retry time are left alone. Reports messages that have waited too long (once per
 * run), so an outage shows in the log and, in AWS, as a metric that an alarm watches.
 */
export async function redriveOutbox(deps: {
  outbox: OutboxStore;
  dispatch: (ids: string[]) => Promise<void>;
  now: () => Date;
  budgetMs?: number;
  pageSize?: number;
}): Promise<RedriveResult> {
  const started = Date.now();
  const now = deps.now();
  const at = now.toISOString();
  const result: RedriveResult = { redriven: 0, waiting: 0, late: 0, oldestMinutes: 0, stoppedEarly: false };
  const handing: Promise<void>[] = [];
  let cursor: string | undefined;
  do {
    const page = await deps.outbox.queuedPage(deps.pageSize ?? 500, cursor);
    cursor = page.cursor;
    const ids: string[] = [];
    for (const message of page.messages) {
      const minutes = (now.getTime() - Date.parse(message.createdAt)) / 60_000;
      result.oldestMinutes = Math.max(result.oldestMinutes, Math.floor(minutes));
      if (minutes > WAIT_WARNING_MINUTES) result.late++;
      if (message.claimedUntil && message.claimedUntil > at) result.waiting++;
      else ids.push(message.messageId);
    }
    result.redriven += ids.length;
    if (ids.length) handing.push(deps.dispatch(ids));
    if (cursor && Date.now() - started > (deps.budgetMs ?? REDRIVE_BUDGET_MS)) result.stoppedEarly = true;
  } while (cursor && !result.stoppedEarly);
  await Promise.all(handing);
  if (result.late) {
    log('warn', `Emails have waited more than ${WAIT_WARNING_MINUTES} minutes`, {
      late: result.late,
      oldestMinutes: result.oldestMinutes,
      waitingForRetry: result.waiting,
    });
  }
  return result;
}

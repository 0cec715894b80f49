import { log } from '../http/log.ts';
import type { AttachmentSpec, DocumentSpec, OutboxMessage } from './outbox.ts';
import { renderEmail } from './render.ts';

/**
 * Delivery of outbox messages, one message per recipient.
 *
 * - A message is claimed (a lease, written with a condition) before it is sent, so two senders
 *   never send it at the same time, and marked sent with the SES message id afterwards.
 * - An address on the suppression list (hard bounce, complaint) is never sent to.
 * - Sends are paced to the configured rate; throttling and transient errors are retried with
 *   exponential backoff and jitter; a permanent refusal is marked failed at once.
 * - A message claimed before but never marked (its sender died mid-way) is "in doubt": SES's own
 *   record of sends (Send events, keyed by the outbox id the message carries in a header)
 *   decides whether it went out; only if it did not is it sent again.
 */
export const MAX_ATTEMPTS = 8;
export const DEFAULT_LEASE_MS = 60_000;

export interface OutboxStore {
  /** Takes the message if it is queued and nobody holds it; undefined otherwise. */
  claim(messageId: string, now: Date, leaseMs: number): Promise<OutboxMessage | undefined>;
  markSent(messageId: string, sesMessageId: string, now: Date): Promise<void>;
  /** Leaves it queued, not to be claimed again before `retryAt`; the attempt is known to have failed. */
  markRetry(messageId: string, error: string, retryAt: Date): Promise<void>;
  markFailed(messageId: string, error: string, now: Date, status?: 'failed' | 'suppressed'): Promise<void>;
  /** Queued messages, oldest first. */
  listQueued(limit: number): Promise<OutboxMessage[]>;
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

export interface DeliveryDeps {
  outbox: OutboxStore;
  mailer: Mailer;
  makeAttachment: (spec: AttachmentSpec) => Promise<Attachment | undefined>;
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
  now: () => Date;
}

export type DeliveryResult = 'sent' | 'not-claimed' | 'retry' | 'failed' | 'suppressed';

/** Header values never carry line breaks or other control characters (no header injection through a name or subject). */
// biome-ignore lint/suspicious/noControlCharactersInRegex: removing control characters is the point
export const headerSafe = (value: string) => value.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]+/g, ' ').trim();

/** Exponential backoff with full jitter: up to 1 s, 2 s, 4 s … capped at 5 minutes. */
export function backoffMs(attempt: number, random = Math.random()): number {
  const ceiling = Math.min(300_000, 1000 * 2 ** Math.max(0, attempt - 1));
  return Math.round(ceiling / 2 + (random * ceiling) / 2);
}

export async function deliverMessage(deps: DeliveryDeps, messageId: string): Promise<DeliveryResult> {
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
    await deps.outbox.markFailed(
      messageId,
      'The address is on the suppression list (bounce or complaint).',
      deps.now(),
      'suppressed',
    );
    return 'suppressed';
  }
  try {
    const template = renderEmail(message.template, message.language, message.data);
    const rendered = message.document
      ? { ...template, ...(await deps.renderDocumentBody(message.document)) }
      : template;
    const attachments: Attachment[] = [];
    for (const spec of message.attachments ?? []) {
      const attachment = await deps.makeAttachment(spec);
      if (attachment) attachments.push(attachment);
    }
    await deps.pace();
    const sesMessageId = await deps.mailer.send({
      outboxId: messageId,
      from: deps.from,
      replyTo: deps.replyTo,
      to: message.recipient,
      subject: headerSafe(rendered.subject),
      html: rendered.html,
      text: rendered.text,
      attachments,
    });
    await deps.outbox.markSent(messageId, sesMessageId, deps.now());
    return 'sent';
  } catch (error) {
    const text = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    const permanent = error instanceof MailError && error.kind === 'permanent';
    if (permanent || message.attempts >= MAX_ATTEMPTS) {
      await deps.outbox.markFailed(messageId, text, deps.now());
      log('error', 'Email failed for good', {
        messageId,
        template: message.template,
        attempts: message.attempts,
        error: text,
      });
      return 'failed';
    }
    await deps.outbox.markRetry(messageId, text, new Date(deps.now().getTime() + backoffMs(message.attempts)));
    log('warn', 'Email will be retried', { messageId, attempts: message.attempts, error: text });
    return 'retry';
  }
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

/** Queued messages nobody is sending: hand them to the sender again (after a crash, a lost queue message). */
export async function redriveOutbox(deps: {
  outbox: OutboxStore;
  dispatch: (ids: string[]) => Promise<void>;
  now: () => Date;
}) {
  const queued = await deps.outbox.listQueued(500);
  const ids = queued.map((m) => m.messageId);
  if (ids.length) await deps.dispatch(ids);
  return { redriven: ids.length };
}

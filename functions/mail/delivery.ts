import { log } from '../http/log.ts';
import type { AttachmentSpec, DocumentSpec, OutboxMessage } from './outbox.ts';
import { renderEmail } from './render.ts';

/**
 * Delivery of outbox messages. A message is claimed (a lease, written with a condition) before
 * it is sent, so two senders never send it at the same time, and marked sent with the SES
 * message id afterwards. A failure releases it for a later attempt with backoff; after
 * MAX_ATTEMPTS it is marked failed.
 */
export const MAX_ATTEMPTS = 5;
export const LEASE_MS = 60_000;

export interface OutboxStore {
  /** Takes the message if it is queued and nobody holds it; undefined otherwise. */
  claim(messageId: string, now: Date, leaseMs: number): Promise<OutboxMessage | undefined>;
  markSent(messageId: string, sesMessageId: string, now: Date): Promise<void>;
  /** Leaves it queued, not to be claimed again before `retryAt`. */
  markRetry(messageId: string, error: string, retryAt: Date): Promise<void>;
  markFailed(messageId: string, error: string, now: Date): Promise<void>;
  /** Queued messages, oldest first. */
  listQueued(limit: number): Promise<OutboxMessage[]>;
}

export interface Attachment {
  filename: string;
  contentType: string;
  content: Buffer;
}

export interface OutgoingEmail {
  from: string;
  replyTo: string;
  to: string;
  subject: string;
  html: string;
  text: string;
  attachments: Attachment[];
}

export interface Mailer {
  /** Sends one email to one recipient; answers the provider's message id. */
  send(email: OutgoingEmail): Promise<string>;
}

export interface DeliveryDeps {
  outbox: OutboxStore;
  mailer: Mailer;
  makeAttachment: (spec: AttachmentSpec) => Promise<Attachment | undefined>;
  /** The body of a message whose body is a document (a circular). */
  renderDocumentBody: (spec: DocumentSpec) => Promise<{ html: string; text: string }>;
  from: string;
  replyTo: string;
  now: () => Date;
}

export type DeliveryResult = 'sent' | 'not-claimed' | 'retry' | 'failed';

/** Header values never carry line breaks (no header injection through a name or subject). */
export const headerSafe = (value: string) => value.replace(/[\r\n]+/g, ' ').trim();

export async function deliverMessage(deps: DeliveryDeps, messageId: string): Promise<DeliveryResult> {
  const now = deps.now();
  const message = await deps.outbox.claim(messageId, now, LEASE_MS);
  if (!message) return 'not-claimed';
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
    const sesMessageId = await deps.mailer.send({
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
    if (message.attempts >= MAX_ATTEMPTS) {
      await deps.outbox.markFailed(messageId, text, deps.now());
      log('error', 'Email failed for good', {
        messageId,
        template: message.template,
        attempts: message.attempts,
        error: text,
      });
      return 'failed';
    }
    const backoffMs = 2 ** message.attempts * 1000;
    await deps.outbox.markRetry(messageId, text, new Date(deps.now().getTime() + backoffMs));
    log('warn', 'Email will be retried', { messageId, attempts: message.attempts, error: text });
    return 'retry';
  }
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

/**
 * What SES reports about sent mail (through SNS in AWS; locally the same shape is posted to the
 * platform): Send events confirm a message was accepted; permanent bounces and complaints put
 * the address on the suppression list, and a bounced registrant's address is marked
 * undeliverable for the console.
 */
export const OUTBOX_HEADER = 'X-U4SSC-Outbox-Id';

export interface SesEvent {
  eventType?: string;
  notificationType?: string;
  mail?: { messageId?: string; headers?: { name: string; value: string }[]; destination?: string[] };
  bounce?: { bounceType?: string; bouncedRecipients?: { emailAddress: string; diagnosticCode?: string }[] };
  complaint?: { complainedRecipients?: { emailAddress: string }[]; complaintFeedbackType?: string };
}

export interface MailEventStore {
  suppress(email: string, reason: 'bounce' | 'complaint', detail: string, at: string): Promise<void>;
  recordSend(outboxId: string, sesMessageId: string, at: string): Promise<void>;
  /** Several Send events in as few writes as the store allows (25 a batch in DynamoDB). */
  recordSends?(sends: { outboxId: string; sesMessageId: string }[], at: string): Promise<void>;
  /** Marks the registration an outbox message was sent for as having an undeliverable address. */
  markUndeliverable(outboxId: string): Promise<void>;
}

const outboxIdOf = (event: SesEvent) =>
  event.mail?.headers?.find((h) => h.name.toLowerCase() === OUTBOX_HEADER.toLowerCase())?.value;

/**
 * Several events at once (one delivery of a batch): the Send events among them are recorded
 * together (one batch write for up to 25), the others one by one. Results in the events' order.
 */
export async function recordSesEvents(
  deps: { store: MailEventStore; now: () => Date },
  events: SesEvent[],
): Promise<string[]> {
  const results: string[] = [];
  const sends: { outboxId: string; sesMessageId: string }[] = [];
  for (const event of events) {
    const outboxId = outboxIdOf(event);
    const sesMessageId = event.mail?.messageId;
    if (deps.store.recordSends && (event.eventType ?? event.notificationType) === 'Send' && outboxId && sesMessageId) {
      sends.push({ outboxId, sesMessageId });
      results.push('send-recorded');
    } else results.push(await recordSesEvent(deps, event));
  }
  if (sends.length) await deps.store.recordSends?.(sends, deps.now().toISOString());
  return results;
}

export async function recordSesEvent(
  deps: { store: MailEventStore; now: () => Date },
  event: SesEvent,
): Promise<string> {
  const type = event.eventType ?? event.notificationType ?? 'unknown';
  const at = deps.now().toISOString();
  const outboxId = outboxIdOf(event);
  if (type === 'Send' && outboxId && event.mail?.messageId) {
    await deps.store.recordSend(outboxId, event.mail.messageId, at);
    return 'send-recorded';
  }
  if (type === 'Bounce') {
    if (event.bounce?.bounceType !== 'Permanent') return 'transient-bounce-ignored';
    for (const recipient of event.bounce.bouncedRecipients ?? []) {
      await deps.store.suppress(
        recipient.emailAddress.toLowerCase(),
        'bounce',
        recipient.diagnosticCode ?? 'Permanent bounce',
        at,
      );
    }
    if (outboxId) await deps.store.markUndeliverable(outboxId);
    return 'suppressed';
  }
  if (type === 'Complaint') {
    for (const recipient of event.complaint?.complainedRecipients ?? []) {
      await deps.store.suppress(
        recipient.emailAddress.toLowerCase(),
        'complaint',
        event.complaint?.complaintFeedbackType ?? 'Complaint',
        at,
      );
    }
    return 'suppressed';
  }
  return 'ignored';
}

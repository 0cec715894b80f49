import { randomUUID } from 'node:crypto';
import type { SNSEvent } from 'aws-lambda';
import type { SesEvent } from '../../functions/mail/events.ts';
import { lambdaContext } from './lambda-context.ts';

/**
 * The local stand-in for SES event publishing: the emulator keeps what it was sent but
 * publishes nothing, so this watches its store and hands a Send event for each new email to
 * the same ses-events handler SNS calls in AWS. Bounces and complaints are posted by hand (or
 * by tests) to POST /local/ses-events with SES's notification shape.
 */
type Handler = (event: SNSEvent, context: ReturnType<typeof lambdaContext>) => Promise<unknown>;

export const snsEvent = (...messages: SesEvent[]): SNSEvent =>
  ({
    Records: messages.map((message) => ({
      EventSource: 'aws:sns',
      EventVersion: '1.0',
      EventSubscriptionArn: 'local',
      Sns: {
        MessageId: randomUUID(),
        Message: JSON.stringify(message),
        Type: 'Notification',
        Timestamp: new Date().toISOString(),
      },
    })),
  }) as unknown as SNSEvent;

/** Send events handed to the handler in one delivery, at most (its batch write takes 25 a call). */
const SEND_BATCH = 25;

export async function loadSesEventsHandler(): Promise<Handler> {
  return ((await import('../../functions/lambdas/ses-events.ts')) as { handler: Handler }).handler;
}

interface StoredEmail {
  messageId: string;
  destination: { to: string[] };
  headers?: { name: string; value: string }[];
  at: number;
}

export function startSendEventPublisher(options: {
  sesUrl: string;
  onError: (error: unknown) => void;
  intervalMs?: number;
}) {
  /** Emails already reported, with their second; only those still inside the polled window are kept. */
  const seen = new Map<string, number>();
  let since = Math.floor(Date.now() / 1000) - 1;
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  const poll = async () => {
    const handler = await loadSesEventsHandler();
    const response = await fetch(`${options.sesUrl}/store?since=${since}`);
    const { emails } = (await response.json()) as { emails: StoredEmail[] };
    // The new emails of each poll go to the handler in batches (one write per batch of Send events).
    const events: SesEvent[] = [];
    for (const email of emails) {
      if (seen.has(email.messageId)) continue;
      seen.set(email.messageId, email.at);
      // The store's `since` is inclusive and its seconds only grow: emails stored later in the
      // same second come back in the next poll, so the window starts at the newest second seen.
      since = Math.max(since, email.at);
      events.push({
        eventType: 'Send',
        mail: { messageId: email.messageId, headers: email.headers ?? [], destination: email.destination.to },
      });
    }
    for (let i = 0; i < events.length; i += SEND_BATCH) {
      await handler(snsEvent(...events.slice(i, i + SEND_BATCH)), lambdaContext('ses-events', randomUUID()));
    }
    for (const [id, at] of seen) if (at < since) seen.delete(id);
  };
  const loop = () => {
    if (stopped) return;
    poll()
      .catch(options.onError)
      .finally(() => {
        if (!stopped) timer = setTimeout(loop, options.intervalMs ?? 250);
      });
  };
  loop();
  return {
    stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
    },
  };
}

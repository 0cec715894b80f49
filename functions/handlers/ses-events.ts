import middy from '@middy/core';
import type { Context, SNSEvent } from 'aws-lambda';
import { mailEventDeps } from '../adapters/wiring/mail.ts';
import { invocationLogContext, log, withLogContext } from '../http/log.ts';
import { recordSesEvents, type SesEvent } from '../mail/events.ts';

/**
 * SES's events for the configuration set (send, bounce, complaint), delivered by SNS; locally
 * the runtime delivers the same shape. A record that cannot be read is logged and skipped.
 */
export const handler = middy<SNSEvent, { results: string[] }, Error, Context>().handler(
  function recordEvents(event, context) {
    return withLogContext(invocationLogContext(context, 'ses-events'), () => recordAll(event));
  },
);

async function recordAll(event: SNSEvent): Promise<{ results: string[] }> {
  const results: string[] = [];
  const events: SesEvent[] = [];
  const at: number[] = [];
  for (const record of event.Records) {
    try {
      events.push(JSON.parse(record.Sns.Message) as SesEvent);
      at.push(results.push('') - 1);
    } catch (error) {
      log('warn', 'Unreadable SES event skipped', { error, messageId: record.Sns.MessageId });
      results.push('unreadable');
    }
  }
  // The Send events of one delivery are recorded together (locally, each poll of the emulator's store).
  const recorded = events.length > 0 ? await recordSesEvents(mailEventDeps(), events) : [];
  recorded.forEach((result, n) => {
    results[at[n] ?? 0] = result;
  });
  return { results };
}

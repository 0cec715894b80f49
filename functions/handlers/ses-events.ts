import middy from '@middy/core';
import type { Context, SNSEvent } from 'aws-lambda';
import { mailEventDeps } from '../adapters/wiring/mail.ts';
import { invocationLogContext, log, withLogContext } from '../http/log.ts';
import { recordSesEvent, type SesEvent } from '../mail/events.ts';

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
  for (const record of event.Records) {
    let parsed: SesEvent;
    try {
      parsed = JSON.parse(record.Sns.Message) as SesEvent;
    } catch (error) {
      log('warn', 'Unreadable SES event skipped', { error, messageId: record.Sns.MessageId });
      results.push('unreadable');
      continue;
    }
    results.push(await recordSesEvent(mailEventDeps(), parsed));
  }
  return { results };
}

import middy from '@middy/core';
import type { Context, SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { reminderDeps } from '../adapters/wiring/jobs.ts';
import { invocationLogContext, log, withLogContext } from '../http/log.ts';
import { meetingReminderScope, type ReminderScope } from '../reminders/jobs.ts';

/**
 * The job queue's consumer: each record is one meeting's reminders of a `meeting-reminders`
 * run (batch size 1, so each has the function's whole timeout). A record that fails, or whose
 * invocation times out, comes back after the visibility timeout and resumes at its checkpoint;
 * after too many receives it moves to the dead-letter queue, which alarms.
 */
export const handler = middy<SQSEvent, SQSBatchResponse, Error, Context>().handler(function runScopes(event, context) {
  return withLogContext(invocationLogContext(context, 'job:meeting-reminders'), () => runBatch(event));
});

async function runBatch(event: SQSEvent): Promise<SQSBatchResponse> {
  const batchItemFailures: SQSBatchResponse['batchItemFailures'] = [];
  for (const record of event.Records) {
    try {
      const scope = parseScope(record.body);
      const started = performance.now();
      const result = await meetingReminderScope(reminderDeps(), scope);
      log('info', 'Job scope finished', { ...scope, ...result, ms: Math.round(performance.now() - started) });
    } catch (error) {
      log('error', 'Job scope failed', { record: record.messageId, error });
      batchItemFailures.push({ itemIdentifier: record.messageId });
    }
  }
  return { batchItemFailures };
}

function parseScope(body: string): ReminderScope {
  const value = JSON.parse(body) as Partial<ReminderScope>;
  if (
    value?.job !== 'meeting-reminders' ||
    typeof value.run !== 'string' ||
    Number.isNaN(Date.parse(value.run)) ||
    typeof value.meetingId !== 'string' ||
    !Number.isInteger(value.days)
  )
    throw new Error(`Not a meeting-reminders scope: ${body.slice(0, 200)}`);
  return value as ReminderScope;
}

import middy from '@middy/core';
import type { Context, SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { deliveryDeps } from '../adapters/wiring/delivery.ts';
import { isUnavailable } from '../errors.ts';
import { invocationLogContext, log, withLogContext } from '../http/log.ts';
import { containerHealth, deliverMessage } from '../mail/delivery.ts';
import { readQueueBody } from '../mail/outbox.ts';

/**
 * The email queue's consumer: each record names an outbox message. A record whose message
 * must be retried is reported as a batch item failure, so SQS delivers it again (and, after
 * too many receives, moves it to the dead-letter queue).
 */
export const handler = middy<SQSEvent, SQSBatchResponse, Error, Context>().handler(function sendMail(event, context) {
  return withLogContext(invocationLogContext(context, 'mail-sender'), () => sendBatch(event));
});

async function sendBatch(event: SQSEvent): Promise<SQSBatchResponse> {
  const batchItemFailures: SQSBatchResponse['batchItemFailures'] = [];
  // The records of a batch are sent side by side (the pacer still holds the configured rate):
  // each waits mostly on DynamoDB and SES, so one after the other left the function idle.
  await Promise.all(
    event.Records.map(async (record) => {
      try {
        // The body names the outbox message, and may carry the message itself (claimed in one call).
        const { messageId, carried } = readQueueBody(record.body);
        const result = await deliverMessage(deliveryDeps(), messageId, carried);
        // In doubt: delivered again after the visibility timeout, when SES's Send event settles it.
        if (result === 'retry' || result === 'in-doubt') batchItemFailures.push({ itemIdentifier: record.messageId });
      } catch (error) {
        // The outbox unreachable (a data store down): one line when it starts, not one per record.
        if (isUnavailable(error)) containerHealth.failed(describe(error), new Date());
        else log('error', 'Mail sender failed on a record', { record: record.messageId, error });
        batchItemFailures.push({ itemIdentifier: record.messageId });
      }
    }),
  );
  return { batchItemFailures };
}

const describe = (error: unknown) => (error instanceof Error ? `${error.name}: ${error.message}` : String(error));

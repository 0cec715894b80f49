import { ENV } from '../config.ts';
import { type Dispatched, queueBody } from '../mail/outbox.ts';
import type { MailDispatcher } from '../registrations/ports.ts';
import type { Permission } from './permissions.ts';
import { sqs, sqsSdk } from './sqs-client.ts';

/** SendMessageBatch is authorised as sqs:SendMessage. */
export const PERMISSIONS: readonly Permission[] = [{ actions: ['sqs:SendMessage'], resources: ['email-queue'] }];

/**
 * Hands committed outbox messages to the sender. In AWS: the SQS email queue, whose consumer
 * is the mail-sender function. On one machine: the in-process queue the local runtime
 * registers (it calls the same mail-sender handler). Anything lost here is found again by the
 * outbox re-drive, because the outbox record, not the queue message, is the source of truth.
 */
export type LocalMailQueue = (messages: Dispatched[]) => void;

const LOCAL_QUEUE = Symbol.for('u4ssc.localMailQueue');

export function registerLocalMailQueue(queue: LocalMailQueue | undefined): void {
  (globalThis as Record<symbol, unknown>)[LOCAL_QUEUE] = queue;
}

const DISPATCH_CONCURRENCY = 10;

export function mailDispatcher(): MailDispatcher {
  return {
    async dispatch(messageIds) {
      if (messageIds.length === 0) return;
      // A message itself travels in the queue body (the sender then claims it without a read), its id otherwise.
      const queueUrl = process.env[ENV.emailQueueUrl];
      if (!queueUrl) {
        const local = (globalThis as Record<symbol, unknown>)[LOCAL_QUEUE] as LocalMailQueue | undefined;
        local?.(messageIds);
        return;
      }
      const [client, { SendMessageBatchCommand }] = await Promise.all([sqs(), sqsSdk()]);
      // Batches of 10 (SQS's most), up to 10 batches in flight: a job's page of 1,000 goes in ~10 round trips.
      const batches: Dispatched[][] = [];
      for (let i = 0; i < messageIds.length; i += 10) batches.push(messageIds.slice(i, i + 10));
      let next = 0;
      const worker = async () => {
        for (let batch = batches[next++]; batch; batch = batches[next++]) {
          await client.send(
            new SendMessageBatchCommand({
              QueueUrl: queueUrl,
              Entries: batch.map((entry, n) => ({ Id: String(n), MessageBody: queueBody(entry) })),
            }),
          );
        }
      };
      await Promise.all(Array.from({ length: Math.min(DISPATCH_CONCURRENCY, batches.length) }, worker));
    },
  };
}

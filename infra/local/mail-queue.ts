import { randomUUID } from 'node:crypto';
import type { SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import { registerLocalMailQueue } from '../../functions/adapters/mail-queue.ts';
import { CONSUMERS } from '../../functions/routes.ts';
import { lambdaContext, loadFunction } from './gateway.ts';

/**
 * The local stand-in for the SQS email queue: message ids handed over by the handlers are
 * delivered in batches to the same mail-sender handler Lambda runs, as SQS events; a record
 * the handler reports as failed comes back after a delay, as SQS would redeliver it.
 */
type Consumer = (event: SQSEvent, context: ReturnType<typeof lambdaContext>) => Promise<SQSBatchResponse>;

const BATCH = 10;
const CONCURRENCY = 4;
const REDELIVERY_MS = 2_000;

export async function startLocalMailQueue(options: { onError: (error: unknown) => void }) {
  const consumer = CONSUMERS.find((c) => c.source === 'email-queue');
  if (!consumer) throw new Error('No consumer of the email queue in functions/routes.ts');
  const handler = await loadFunction<Consumer>(consumer.fn);
  const pending: string[] = [];
  const timers = new Set<NodeJS.Timeout>();
  let running = 0;
  let stopped = false;
  let idle: (() => void)[] = [];

  const pump = () => {
    while (!stopped && running < CONCURRENCY && pending.length) {
      const batch = pending.splice(0, BATCH);
      running++;
      const records = batch.map(
        (messageId) =>
          ({ messageId: randomUUID(), body: JSON.stringify({ messageId }), eventSource: 'local:sqs' }) as SQSRecord,
      );
      handler({ Records: records }, lambdaContext(consumer.fn, randomUUID()))
        .then((response) => {
          const failed = new Set(response.batchItemFailures.map((f) => f.itemIdentifier));
          const retry = records
            .filter((r) => failed.has(r.messageId))
            .map((r) => (JSON.parse(r.body) as { messageId: string }).messageId);
          if (retry.length && !stopped) {
            const timer = setTimeout(() => {
              timers.delete(timer);
              enqueue(retry);
            }, REDELIVERY_MS);
            timers.add(timer);
          }
        })
        .catch(options.onError)
        .finally(() => {
          running--;
          pump();
          if (running === 0 && pending.length === 0) {
            for (const resolve of idle) resolve();
            idle = [];
          }
        });
    }
  };

  const enqueue = (messageIds: string[]) => {
    pending.push(...messageIds);
    pump();
  };
  registerLocalMailQueue(enqueue);

  return {
    enqueue,
    /** Resolves when nothing is being sent or waiting (retries scheduled later do not count). */
    idle: () =>
      running === 0 && pending.length === 0 ? Promise.resolve() : new Promise<void>((resolve) => idle.push(resolve)),
    async stop() {
      stopped = true;
      registerLocalMailQueue(undefined);
      for (const timer of timers) clearTimeout(timer);
      while (running > 0) await new Promise((resolve) => setTimeout(resolve, 20));
    },
  };
}

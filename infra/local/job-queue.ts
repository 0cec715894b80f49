import { randomUUID } from 'node:crypto';
import type { SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import { registerLocalJobQueue } from '../../functions/adapters/job-queue.ts';
import type { ReminderScope } from '../../functions/reminders/jobs.ts';
import { CONSUMERS, sizingOf } from '../../functions/routes.ts';
import { loadFunction } from './gateway.ts';
import { lambdaContext } from './lambda-context.ts';

/**
 * The local stand-in for the SQS job queue: each piece of work a job hands over (one meeting's
 * reminders) is delivered alone, as an SQS event, to the same function Lambda runs, a few at
 * once; one that fails comes back after a delay, at most MAX_RECEIVES times in all (SQS's
 * dead-letter queue after maxReceiveCount).
 */
type Consumer = (event: SQSEvent, context: ReturnType<typeof lambdaContext>) => Promise<SQSBatchResponse>;

const CONCURRENCY = 2;
const REDELIVERY_MS = 2_000;
export const MAX_RECEIVES = 4;

export async function startLocalJobQueue(options: { onError: (error: unknown) => void; redeliveryMs?: number }) {
  const consumer = CONSUMERS.find((c) => c.source === 'job-queue');
  if (!consumer) throw new Error('No consumer of the job queue in functions/routes.ts');
  const handler = await loadFunction<Consumer>(consumer.fn);
  const pending: { body: string; receives: number }[] = [];
  const timers = new Set<NodeJS.Timeout>();
  const stats = { handed: 0, done: 0, givenUp: 0 };
  let running = 0;
  let stopped = false;
  let waiting: (() => void)[] = [];

  const notify = () => {
    if (running > 0 || pending.length > 0 || timers.size > 0) return;
    for (const resolve of waiting) resolve();
    waiting = [];
  };

  const retry = (piece: { body: string; receives: number }) => {
    if (piece.receives >= MAX_RECEIVES) {
      stats.givenUp++;
      options.onError(new Error(`Job queue: gave up after ${piece.receives} receives: ${piece.body}`));
      return;
    }
    const timer = setTimeout(
      () => {
        timers.delete(timer);
        pending.push(piece);
        pump();
      },
      (options.redeliveryMs ?? REDELIVERY_MS) * 2 ** (piece.receives - 1),
    );
    timers.add(timer);
  };

  const pump = () => {
    while (!stopped && running < CONCURRENCY && pending.length) {
      const piece = pending.shift() as { body: string; receives: number };
      piece.receives++;
      running++;
      const record = { messageId: randomUUID(), body: piece.body, eventSource: 'local:sqs' } as SQSRecord;
      handler(
        { Records: [record] },
        lambdaContext(consumer.fn, randomUUID(), sizingOf(consumer.fn).timeoutSeconds * 1000),
      )
        .then((response) => {
          if (response.batchItemFailures.length) retry(piece);
          else stats.done++;
        })
        .catch((error) => {
          options.onError(error);
          retry(piece);
        })
        .finally(() => {
          running--;
          pump();
          notify();
        });
    }
    notify();
  };

  const enqueue = (scopes: ReminderScope[]) => {
    if (stopped) throw new Error('The local job queue has stopped');
    stats.handed += scopes.length;
    pending.push(...scopes.map((scope) => ({ body: JSON.stringify(scope), receives: 0 })));
    pump();
  };
  registerLocalJobQueue(enqueue);

  return {
    /** Hands a raw message body over, as anything with the queue's URL could. */
    send: (body: string) => {
      stats.handed++;
      pending.push({ body, receives: 0 });
      pump();
    },
    /** Resolves when nothing runs, waits, or is due for a redelivery. */
    settled: () =>
      new Promise<void>((resolve) => {
        waiting.push(resolve);
        notify();
      }),
    stats: () => ({ ...stats }),
    async stop() {
      stopped = true;
      registerLocalJobQueue(undefined);
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
      while (running > 0) await new Promise((resolve) => setTimeout(resolve, 20));
    },
  };
}

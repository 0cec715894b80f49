import { randomUUID } from 'node:crypto';
import type { SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import { registerLocalMailQueue } from '../../functions/adapters/mail-queue.ts';
import { type Dispatched, dispatchedId, queueBody } from '../../functions/mail/outbox.ts';
import { CONSUMERS, sizingOf } from '../../functions/routes.ts';
import { loadFunction } from './gateway.ts';
import { lambdaContext } from './lambda-context.ts';

/**
 * The local stand-in for the SQS email queue: message ids handed over by the handlers are
 * delivered in batches to the same mail-sender handler Lambda runs, as SQS events; a record
 * the handler reports as failed comes back after a delay, as SQS would redeliver it, at most
 * MAX_REDELIVERIES times with a growing delay (SQS's dead-letter queue after maxReceiveCount).
 * A message given up here is still queued in the outbox: the outbox re-drive hands it over again.
 */
type Consumer = (event: SQSEvent, context: ReturnType<typeof lambdaContext>) => Promise<SQSBatchResponse>;

const BATCH = 10;
const CONCURRENCY = 4;
const REDELIVERY_MS = 2_000;
export const MAX_REDELIVERIES = 5;

export interface MailQueueStats {
  /** Distinct message ids handed over. */
  handed: number;
  /** Handled by the sender (sent, failed for good, or held by another sender). */
  handled: number;
  /** Given up after MAX_REDELIVERIES failed deliveries (still queued in the outbox). */
  givenUp: number;
  /** Waiting for a redelivery. */
  retrying: number;
}

export async function startLocalMailQueue(options: { onError: (error: unknown) => void; redeliveryMs?: number }) {
  const consumer = CONSUMERS.find((c) => c.source === 'email-queue');
  if (!consumer) throw new Error('No consumer of the email queue in functions/routes.ts');
  const handler = await loadFunction<Consumer>(consumer.fn);
  /** Queue bodies waiting, with their outbox ids (a redelivery carries the same body, as SQS's does). */
  const pending: { id: string; body: string }[] = [];
  const timers = new Set<NodeJS.Timeout>();
  const handed = new Set<string>();
  const handled = new Set<string>();
  const givenUp = new Set<string>();
  const failures = new Map<string, number>();
  let running = 0;
  let stopped = false;
  let idle: (() => void)[] = [];
  let settled: (() => void)[] = [];

  const redeliver = (entries: { id: string; body: string }[]) => {
    const byDelay = new Map<number, { id: string; body: string }[]>();
    for (const entry of entries) {
      const { id } = entry;
      const n = (failures.get(id) ?? 0) + 1;
      failures.set(id, n);
      if (n > MAX_REDELIVERIES) {
        givenUp.add(id);
        failures.delete(id);
        continue;
      }
      const delay = (options.redeliveryMs ?? REDELIVERY_MS) * 2 ** (n - 1);
      byDelay.set(delay, [...(byDelay.get(delay) ?? []), entry]);
    }
    for (const [delay, batch] of byDelay) {
      const timer = setTimeout(() => {
        timers.delete(timer);
        push(batch);
        notify();
      }, delay);
      timers.add(timer);
    }
  };

  const notify = () => {
    if (running === 0 && pending.length === 0) {
      for (const resolve of idle) resolve();
      idle = [];
      if (timers.size === 0) {
        for (const resolve of settled) resolve();
        settled = [];
      }
    }
  };

  const pump = () => {
    while (!stopped && running < CONCURRENCY && pending.length) {
      const batch = pending.splice(0, BATCH);
      running++;
      const records = batch.map(
        ({ body }) => ({ messageId: randomUUID(), body, eventSource: 'local:sqs' }) as SQSRecord,
      );
      const idOf = (record: SQSRecord) => (JSON.parse(record.body) as { messageId: string }).messageId;
      const entryOf = (record: SQSRecord) => ({ id: idOf(record), body: record.body });
      // The function's own timeout, as in AWS.
      handler(
        { Records: records },
        lambdaContext(consumer.fn, randomUUID(), sizingOf(consumer.fn).timeoutSeconds * 1000),
      )
        .then((response) => {
          const failed = new Set(response.batchItemFailures.map((f) => f.itemIdentifier));
          for (const record of records) {
            if (failed.has(record.messageId)) continue;
            handled.add(idOf(record));
            failures.delete(idOf(record));
          }
          const retry = records.filter((r) => failed.has(r.messageId)).map(entryOf);
          if (retry.length && !stopped) redeliver(retry);
        })
        .catch((error) => {
          options.onError(error);
          // The whole batch failed (as a Lambda error would make SQS redeliver it).
          if (!stopped) redeliver(records.map(entryOf));
        })
        .finally(() => {
          running--;
          pump();
          notify();
        });
    }
  };

  const push = (entries: { id: string; body: string }[]) => {
    pending.push(...entries);
    pump();
  };
  const enqueue = (messages: Dispatched[]) => {
    for (const message of messages) handed.add(dispatchedId(message));
    push(messages.map((message) => ({ id: dispatchedId(message), body: queueBody(message) })));
  };
  registerLocalMailQueue(enqueue);

  return {
    enqueue,
    /** Resolves when nothing is being sent or waiting (retries scheduled later do not count). */
    idle: () =>
      running === 0 && pending.length === 0 ? Promise.resolve() : new Promise<void>((resolve) => idle.push(resolve)),
    /** Resolves when nothing is being sent, waiting, or due for a redelivery. */
    settled: () =>
      running === 0 && pending.length === 0 && timers.size === 0
        ? Promise.resolve()
        : new Promise<void>((resolve) => settled.push(resolve)),
    stats: (): MailQueueStats => ({
      handed: handed.size,
      handled: [...handed].filter((id) => handled.has(id)).length,
      givenUp: [...givenUp].filter((id) => !handled.has(id)).length,
      retrying: failures.size,
    }),
    async stop() {
      stopped = true;
      registerLocalMailQueue(undefined);
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
      while (running > 0) await new Promise((resolve) => setTimeout(resolve, 20));
    },
  };
}

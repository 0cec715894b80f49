import { ENV } from '../config.ts';
import type { ReminderScope } from '../reminders/jobs.ts';
import type { Permission } from './permissions.ts';
import { sqs, sqsSdk } from './sqs-client.ts';

/** SendMessageBatch is authorised as sqs:SendMessage. */
export const PERMISSIONS: readonly Permission[] = [{ actions: ['sqs:SendMessage'], resources: ['job-queue'] }];

/**
 * Hands a job's pieces of work (one meeting's reminders each) to the job queue, whose consumer
 * is the jobs function's `job-scope` handler: each piece runs in its own invocation, with its
 * own timeout and SQS's redelivery. On one machine: the in-process queue the local runtime
 * registers. Undefined when neither exists: the job then does all its work itself.
 */
export type LocalJobQueue = (scopes: ReminderScope[]) => void;

const LOCAL_QUEUE = Symbol.for('u4ssc.localJobQueue');

export function registerLocalJobQueue(queue: LocalJobQueue | undefined): void {
  (globalThis as Record<symbol, unknown>)[LOCAL_QUEUE] = queue;
}

export function jobQueue(): ((scopes: ReminderScope[]) => Promise<void>) | undefined {
  const queueUrl = process.env[ENV.jobQueueUrl];
  if (!queueUrl) {
    const local = () => (globalThis as Record<symbol, unknown>)[LOCAL_QUEUE] as LocalJobQueue | undefined;
    if (!local()) return undefined;
    return async (scopes) => {
      const queue = local();
      if (!queue) throw new Error('The local job queue has stopped');
      queue(scopes);
    };
  }
  return async (scopes) => {
    const [client, { SendMessageBatchCommand }] = await Promise.all([sqs(), sqsSdk()]);
    for (let i = 0; i < scopes.length; i += 10) {
      const batch = scopes.slice(i, i + 10);
      const result = await client.send(
        new SendMessageBatchCommand({
          QueueUrl: queueUrl,
          Entries: batch.map((scope, n) => ({ Id: String(n), MessageBody: JSON.stringify(scope) })),
        }),
      );
      // Thrown, the job fails and its retry (the same event) plans the same run again.
      if (result.Failed?.length)
        throw new Error(
          `The job queue refused ${result.Failed.length} of ${batch.length} scopes: ${result.Failed[0]?.Message}`,
        );
    }
  };
}

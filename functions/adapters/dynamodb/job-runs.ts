import type { JobCheckpoints, JobRunRepository } from '../../system/jobs.ts';
import { type Permission, tableAccess } from '../permissions.ts';
import type { Store } from './store.ts';

/** IAM for the calls below. An upsert is an UpdateItem; a checkpoint a PutItem, the last one a Query. */
export const PERMISSIONS: readonly Permission[] = /* @__PURE__ */ tableAccess(
  'dynamodb:GetItem',
  'dynamodb:UpdateItem',
  'dynamodb:PutItem',
  'dynamodb:Query',
);

/** Checkpoints matter while a run may be retried; they go a week later. */
const CHECKPOINT_RETENTION_SECONDS = 7 * 86_400;

export function jobRunRepository(store: Store): JobRunRepository {
  const { jobRun } = store.entities;
  return {
    async recordJobRun(job, scheduledFor, ranAt) {
      await jobRun.upsert({ job, lastScheduledFor: scheduledFor, lastRunAt: ranAt }).add({ runs: 1 }).go();
    },
    async getJobRun(job) {
      const { data } = await jobRun.get({ job }).go();
      return data
        ? { job: data.job, lastScheduledFor: data.lastScheduledFor, lastRunAt: data.lastRunAt, runs: data.runs }
        : undefined;
    },
  };
}

export function jobCheckpoints(store: Store, now: () => Date = () => new Date()): JobCheckpoints {
  const { jobCheckpoint } = store.entities;
  return {
    async lastPage(job, run, scope) {
      const { data } = await jobCheckpoint.query.byRun({ job, run, scope }).go({ order: 'desc', limit: 1 });
      const last = data.find((c) => c.scope === scope);
      return last ? { page: last.page, next: last.next, items: last.items, queued: last.queued } : undefined;
    },
    async finishPage(job, run, scope, page) {
      const at = now();
      await jobCheckpoint
        .put({
          job,
          run,
          scope,
          page: page.page,
          ...(page.next ? { next: page.next } : {}),
          done: page.next === undefined,
          items: page.items,
          queued: page.queued,
          finishedAt: at.toISOString(),
          expiresAt: Math.floor(at.getTime() / 1000) + CHECKPOINT_RETENTION_SECONDS,
        })
        .go({ response: 'none' });
    },
  };
}

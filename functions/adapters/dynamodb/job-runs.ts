import type { JobRunRepository } from '../../system/jobs.ts';
import { type Permission, tableAccess } from '../permissions.ts';
import type { Store } from './store.ts';

/** IAM for the calls below. An upsert is an UpdateItem. */
export const PERMISSIONS: readonly Permission[] = /* @__PURE__ */ tableAccess(
  'dynamodb:GetItem',
  'dynamodb:UpdateItem',
);

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

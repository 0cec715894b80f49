import { randomUUID } from 'node:crypto';
import type { Context } from 'aws-lambda';
import { JOBS, type JobDefinition, sizingOf } from '../../functions/routes.ts';
import { loadFunction } from './gateway.ts';
import { lambdaContext } from './lambda-context.ts';
import { cronMatches, parseSchedule } from './schedule-expression.ts';

/**
 * The local EventBridge Scheduler: every schedule of the route table's JOBS, evaluated once a
 * minute (rate schedules from the moment it starts), invoking the same function entry (functions/lambdas/jobs.ts)
 * with the event EventBridge sends: `{ job, scheduledFor }`.
 */
type JobHandler = (event: { job: string; scheduledFor: string }, context: Context) => Promise<unknown>;

export async function invokeJob(job: JobDefinition, scheduledFor: Date): Promise<unknown> {
  const handler = await loadFunction<JobHandler>(job.fn);
  // The function's own timeout, as in AWS (the job's handler stops at it).
  const context = lambdaContext(job.fn, randomUUID(), sizingOf(job.fn).timeoutSeconds * 1000);
  return handler({ job: job.name, scheduledFor: scheduledFor.toISOString() }, context);
}

export function startScheduler(options: {
  onError: (job: string, error: unknown) => void;
  jobs?: readonly JobDefinition[];
}) {
  const jobs = (options.jobs ?? JOBS).map((job) => ({
    job,
    expression: parseSchedule(job.schedule),
    nextRateAt: Date.now(),
  }));
  const running = new Set<string>();
  let timer: NodeJS.Timeout | undefined;

  const fire = (job: JobDefinition, at: Date) => {
    if (running.has(job.name)) return; // an overlapping run is skipped, as the next tick will catch up
    running.add(job.name);
    invokeJob(job, at)
      .catch((error: unknown) => options.onError(job.name, error))
      .finally(() => running.delete(job.name));
  };

  const tick = () => {
    const now = new Date();
    const minute = new Date(Math.floor(now.getTime() / 60_000) * 60_000);
    for (const entry of jobs) {
      if (entry.expression.kind === 'rate') {
        if (now.getTime() >= entry.nextRateAt) {
          fire(entry.job, new Date(entry.nextRateAt));
          entry.nextRateAt += entry.expression.everyMs;
        }
      } else if (cronMatches(entry.expression.fields, minute, entry.job.timeZone)) {
        fire(entry.job, minute);
      }
    }
    timer = setTimeout(tick, 60_000 - (Date.now() % 60_000) + 50);
  };
  tick();

  return {
    stop: async () => {
      if (timer) clearTimeout(timer);
      while (running.size) await new Promise((resolve) => setTimeout(resolve, 50));
    },
  };
}

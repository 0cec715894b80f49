/** Bookkeeping of scheduled jobs: when each last ran, for /health and the console. */
export interface JobRun {
  job: string;
  lastScheduledFor: string;
  lastRunAt: string;
  runs: number;
}

export interface JobRunRepository {
  recordJobRun(job: string, scheduledFor: string, ranAt: string): Promise<void>;
  getJobRun(job: string): Promise<JobRun | undefined>;
}

export const HEARTBEAT_JOB = 'scheduler-heartbeat';

/** The heartbeat job: records the moment it was scheduled for and when it actually ran. */
export async function recordHeartbeat(deps: { jobRuns: JobRunRepository; now: () => Date }, scheduledFor: Date) {
  const ranAt = deps.now().toISOString();
  await deps.jobRuns.recordJobRun(HEARTBEAT_JOB, scheduledFor.toISOString(), ranAt);
  return { job: HEARTBEAT_JOB, scheduledFor: scheduledFor.toISOString(), ranAt };
}

/** A finished page of a paged job (see `JobCheckpoints`). */
export interface JobPage {
  /** 0 for the first page. */
  page: number;
  /** The cursor of the next page; undefined when this was the last. */
  next?: string;
  /** Items read on the page, and emails newly queued for them. */
  items: number;
  queued: number;
}

/**
 * Checkpoints of paged jobs: one per (job, run, scope, page), written once the page's writes are
 * committed and its emails dispatched. `run` is the moment the job was scheduled for, so a
 * retry of the same run (after a timeout or a crash) resumes after the last finished page of
 * each scope, while a run for another moment starts over (its writes are conditional, so it
 * queues only what is missing).
 */
export interface JobCheckpoints {
  lastPage(job: string, run: string, scope: string): Promise<JobPage | undefined>;
  finishPage(job: string, run: string, scope: string, page: JobPage): Promise<void>;
}

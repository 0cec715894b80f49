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

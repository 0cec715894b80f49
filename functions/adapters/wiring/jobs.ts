import { ENV, optionalEnv, requireEnv } from '../../config.ts';
import { waitingForRole } from '../../governance/engine.ts';
import type { OutboxStore } from '../../mail/delivery.ts';
import { type JobsDeps, PAGE_SIZE } from '../../reminders/jobs.ts';
import type { JobRunRepository } from '../../system/jobs.ts';
import { governanceStore } from '../dynamodb/governance.ts';
import { hubRecordsStore } from '../dynamodb/hub-records.ts';
import { jobCheckpoints, jobRunRepository } from '../dynamodb/job-runs.ts';
import { meetingRepository } from '../dynamodb/meetings.ts';
import { outboxStore } from '../dynamodb/outbox.ts';
import { registrationStore } from '../dynamodb/registrations.ts';
import { store } from '../dynamodb/store.ts';
import { jobQueue } from '../job-queue.ts';
import { mailDispatcher } from '../mail-queue.ts';
import { now, once, publicBaseUrl } from './core.ts';
import { governanceDeps } from './governance.ts';

export const jobsDeps = /* @__PURE__ */ once((): { jobRuns: JobRunRepository; now: () => Date } => ({
  jobRuns: jobRunRepository(store()),
  now,
}));

/** The scheduled reminder jobs' view of the data. */
export const reminderDeps = /* @__PURE__ */ once((): JobsDeps => {
  const registrations = registrationStore(store(), now);
  const meetings = meetingRepository(store());
  return {
    meetings,
    meetingById: (meetingId) => meetings.getMeeting(meetingId),
    // Looked up at each run: the local runtime starts and stops its job queue.
    get fanOut() {
      const send = jobQueue();
      return send ? { atRegistrants: Number(optionalEnv(ENV.remindersFanOutAt, '20000')), send } : undefined;
    },
    registrations,
    governance: governanceStore(store()),
    checkpoints: jobCheckpoints(store(), now),
    hubReports: hubRecordsStore(store(), now),
    queueMessages: (messages) => registrations.queueMessages(messages),
    dispatch: (ids) => mailDispatcher().dispatch(ids),
    secretariatEmail: requireEnv(ENV.secretariatEmail),
    publicBaseUrl: publicBaseUrl(),
    governanceWaiting: () => waitingForRole(governanceDeps(), 'secretariat'),
    pageSize: Number(optionalEnv(ENV.jobPageSize, String(PAGE_SIZE))),
  };
});

/** The outbox re-drive: queued messages handed to the sender again (no sending, no rendering here). */
export const outboxRedriveDeps = /* @__PURE__ */ once(
  (): { outbox: OutboxStore; dispatch: (ids: string[]) => Promise<void>; now: () => Date } => ({
    outbox: outboxStore(store()),
    dispatch: (ids) => mailDispatcher().dispatch(ids),
    now,
  }),
);

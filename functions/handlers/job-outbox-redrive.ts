import { outboxRedriveDeps } from '../adapters/wiring/jobs.ts';
import { registrationsDeps } from '../adapters/wiring/registrations.ts';
import { jobHandler } from '../jobs/handler.ts';
import { redriveOutbox } from '../mail/delivery.ts';
import { completeMeetingNotices } from '../registrations/operations.ts';
import { publishEmailWaitMetric } from '../system/heartbeat-metric.ts';

/** Finishes interrupted meeting notices, hands every queued email to the sender, and reports how long the oldest waits. */
export const handler = jobHandler('outbox-redrive', async () => {
  const notices = await completeMeetingNotices(registrationsDeps());
  const result = await redriveOutbox(outboxRedriveDeps());
  publishEmailWaitMetric(result.oldestMinutes, new Date());
  return { notices, ...result };
});

import { jobsDeps } from '../adapters/wiring/jobs.ts';
import { jobHandler } from '../jobs/handler.ts';
import { publishHeartbeatMetric } from '../system/heartbeat-metric.ts';
import { recordHeartbeat } from '../system/jobs.ts';

/** Records the run (read by /health) and, in AWS, publishes the metric the heartbeat alarm watches. */
export const handler = jobHandler('scheduler-heartbeat', async (scheduledFor) => {
  const result = await recordHeartbeat(jobsDeps(), scheduledFor);
  publishHeartbeatMetric(new Date(result.ranAt));
  return result;
});

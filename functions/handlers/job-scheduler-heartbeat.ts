import { jobsDeps } from '../adapters/wiring/jobs.ts';
import { jobHandler } from '../jobs/handler.ts';
import { recordHeartbeat } from '../system/jobs.ts';

export const handler = jobHandler('scheduler-heartbeat', (scheduledFor) => recordHeartbeat(jobsDeps(), scheduledFor));

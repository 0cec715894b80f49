import { reminderDeps } from '../adapters/wiring/jobs.ts';
import { jobHandler } from '../jobs/handler.ts';
import { REMINDER_JOBS } from '../reminders/jobs.ts';

export const handler = jobHandler('approval-digest', (at) => REMINDER_JOBS['approval-digest'](reminderDeps(), at));

import { reminderDeps } from '../adapters/wiring/jobs.ts';
import { jobHandler } from '../jobs/handler.ts';
import { REMINDER_JOBS } from '../reminders/jobs.ts';

export const handler = jobHandler('hub-report-due', (at) => REMINDER_JOBS['hub-report-due'](reminderDeps(), at));

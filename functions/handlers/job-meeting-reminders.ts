import { reminderDeps } from '../adapters/wiring/jobs.ts';
import { jobHandler } from '../jobs/handler.ts';
import { REMINDER_JOBS } from '../reminders/jobs.ts';

export const handler = jobHandler('meeting-reminders', (at) => REMINDER_JOBS['meeting-reminders'](reminderDeps(), at));

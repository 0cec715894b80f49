import { reminderDeps } from '../adapters/wiring/jobs.ts';
import { jobHandler } from '../jobs/handler.ts';
import { REMINDER_JOBS } from '../reminders/jobs.ts';

export const handler = jobHandler('ip-lead-quarterly', (at) => REMINDER_JOBS['ip-lead-quarterly'](reminderDeps(), at));

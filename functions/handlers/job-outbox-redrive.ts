import { outboxRedriveDeps } from '../adapters/wiring/jobs.ts';
import { registrationsDeps } from '../adapters/wiring/registrations.ts';
import { jobHandler } from '../jobs/handler.ts';
import { redriveOutbox } from '../mail/delivery.ts';
import { completeMeetingNotices } from '../registrations/operations.ts';

export const handler = jobHandler('outbox-redrive', async () => {
  const notices = await completeMeetingNotices(registrationsDeps());
  const { redriven } = await redriveOutbox(outboxRedriveDeps());
  return { notices, redriven };
});

import { deliveryDeps, registrationsDeps } from '../adapters/wiring.ts';
import { jobHandler } from '../jobs/handler.ts';
import { redriveOutbox } from '../mail/delivery.ts';
import { completeMeetingNotices } from '../registrations/operations.ts';

export const handler = jobHandler('outbox-redrive', async () => {
  const notices = await completeMeetingNotices(registrationsDeps());
  const { redriven } = await redriveOutbox({
    outbox: deliveryDeps().outbox,
    dispatch: registrationsDeps().mail.dispatch,
    now: registrationsDeps().now,
  });
  return { notices, redriven };
});

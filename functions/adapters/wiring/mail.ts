import { mailEventStore } from '../dynamodb/mail-events.ts';
import { outboxStore } from '../dynamodb/outbox.ts';
import { registrationStore } from '../dynamodb/registrations.ts';
import { store } from '../dynamodb/store.ts';
import { mailDispatcher } from '../mail-queue.ts';
import { now, once } from './core.ts';

/** SES's send, bounce and complaint events (the suppression list). */
export const mailEventDeps = /* @__PURE__ */ once(() => ({ store: mailEventStore(store()), now }));

/** The console's email log. */
export const emailLogDeps = /* @__PURE__ */ once(() => {
  const outbox = outboxStore(store());
  const registrations = registrationStore(store(), now);
  return {
    store: {
      page: outbox.page,
      get: outbox.get,
      requestState: outbox.requestState,
      queueMessages: registrations.queueMessages,
      registrationStatus: async (meetingId: string, registrationId: string) =>
        (await registrations.getRegistration(meetingId, registrationId))?.status,
    },
    dispatch: (ids: string[]) => mailDispatcher().dispatch(ids),
    now,
  };
});

import type { MailEventStore } from '../../mail/events.ts';
import { type Permission, tableAccess } from '../permissions.ts';
import type { Store } from './store.ts';

/** IAM for the calls below. */
export const PERMISSIONS: readonly Permission[] = /* @__PURE__ */ tableAccess(
  'dynamodb:GetItem',
  'dynamodb:PutItem',
  'dynamodb:UpdateItem',
  'dynamodb:BatchWriteItem',
);
/** Rounds of BatchWriteItem for what DynamoDB left unprocessed (throttled) before giving up. */
const BATCH_ROUNDS = 5;

const SEND_RECORD_DAYS = 30;

export function mailEventStore(store: Store): MailEventStore & {
  isSuppressed(email: string): Promise<boolean>;
  findSend(outboxId: string): Promise<string | undefined>;
} {
  const { suppression, sendRecord, outbox, registration } = store.entities;
  return {
    async suppress(email, reason, detail, at) {
      await suppression.put({ email, reason, detail: detail.slice(0, 500), at }).go({ response: 'none' });
    },
    async recordSend(outboxId, sesMessageId, at) {
      const expiresAt = Math.floor(Date.parse(at) / 1000) + SEND_RECORD_DAYS * 86_400;
      await sendRecord.put({ outboxId, sesMessageId, at, expiresAt }).go({ response: 'none' });
    },
    async recordSends(sends, at) {
      const expiresAt = Math.floor(Date.parse(at) / 1000) + SEND_RECORD_DAYS * 86_400;
      let pending = sends;
      // ElectroDB writes them 25 to a BatchWriteItem and answers the keys DynamoDB left unprocessed.
      for (let round = 0; pending.length; round++) {
        const { unprocessed } = await sendRecord
          .put(pending.map(({ outboxId, sesMessageId }) => ({ outboxId, sesMessageId, at, expiresAt })))
          .go();
        if (!unprocessed.length) return;
        if (round >= BATCH_ROUNDS) throw new Error(`${unprocessed.length} send events not recorded (throttled)`);
        const left = new Set(unprocessed.map((key) => key.outboxId));
        pending = pending.filter((send) => left.has(send.outboxId));
        await new Promise((resolve) => setTimeout(resolve, 50 * 2 ** round));
      }
    },
    async markUndeliverable(outboxId) {
      const { data } = await outbox.get({ messageId: outboxId }).go();
      if (!data?.meetingId || !data.registrationId) return;
      try {
        await registration
          .patch({ meetingId: data.meetingId, registrationId: data.registrationId })
          .set({ emailUndeliverable: true })
          .go({ response: 'none' });
      } catch {
        // the registration was deleted meanwhile: nothing to mark
      }
    },
    async isSuppressed(email) {
      const { data } = await suppression.get({ email: email.toLowerCase() }).go();
      return Boolean(data);
    },
    async findSend(outboxId) {
      const { data } = await sendRecord.get({ outboxId }).go();
      return data && data.expiresAt * 1000 > Date.now() ? data.sesMessageId : undefined;
    },
  };
}

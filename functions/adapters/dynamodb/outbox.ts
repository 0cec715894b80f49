import type { EntityItem } from 'electrodb';
import type { OutboxStore } from '../../mail/delivery.ts';
import type { EmailLogStore } from '../../mail/log.ts';
import type { AttachmentSpec, DocumentSpec, LinkSpec, OutboxMessage, RequestLinkSpec } from '../../mail/outbox.ts';
import { type Permission, tableAccess } from '../permissions.ts';
import { isConditionFailure } from './conditions.ts';
import type { Store } from './store.ts';

/** IAM for the calls below. */
export const PERMISSIONS: readonly Permission[] = /* @__PURE__ */ tableAccess(
  'dynamodb:GetItem',
  'dynamodb:Query',
  'dynamodb:UpdateItem',
  'dynamodb:DeleteItem',
);

type OutboxItem = EntityItem<Store['entities']['outbox']>;

function toMessage(item: OutboxItem): OutboxMessage {
  return {
    messageId: item.messageId,
    recipient: item.recipient,
    language: item.language,
    template: item.template,
    data: JSON.parse(item.data) as Record<string, unknown>,
    ...(item.attachments ? { attachments: JSON.parse(item.attachments) as AttachmentSpec[] } : {}),
    ...(item.document ? { document: JSON.parse(item.document) as DocumentSpec } : {}),
    ...(item.links ? { links: JSON.parse(item.links) as LinkSpec | RequestLinkSpec } : {}),
    ...(item.meetingId ? { meetingId: item.meetingId } : {}),
    ...(item.registrationId ? { registrationId: item.registrationId } : {}),
    status: item.status,
    statusAt: item.statusAt,
    attempts: item.attempts,
    lastError: item.lastError,
    sesMessageId: item.sesMessageId,
    createdAt: item.createdAt,
    sentAt: item.sentAt,
    claimedUntil: item.claimedUntil,
  };
}

export function outboxStore(store: Store): OutboxStore & Omit<EmailLogStore, 'queueMessages' | 'registrationStatus'> {
  const { outbox } = store.entities;
  return {
    async claim(messageId, now, leaseMs) {
      const at = now.toISOString();
      try {
        const { data } = await outbox
          .patch({ messageId })
          .set({ claimedUntil: new Date(now.getTime() + leaseMs).toISOString(), attemptOpen: true })
          .add({ attempts: 1 })
          .where(
            (attr, op) =>
              `${op.eq(attr.status, 'queued')} AND (${op.notExists(attr.claimedUntil)} OR ${op.lt(attr.claimedUntil, at)})`,
          )
          .go({ response: 'all_old' });
        const before = data as OutboxItem;
        // The previous claim was never concluded: its sender died, perhaps after SES took the message.
        return { ...toMessage(before), attempts: before.attempts + 1, inDoubt: before.attemptOpen === true };
      } catch (error) {
        if (isConditionFailure(error)) return undefined;
        throw error;
      }
    },
    async markSent(messageId, sesMessageId, now) {
      await outbox
        .patch({ messageId })
        .set({
          status: 'sent',
          statusAt: now.toISOString(),
          sentAt: now.toISOString(),
          sesMessageId,
          attemptOpen: false,
        })
        .remove(['claimedUntil', 'lastError'])
        .go();
    },
    async markRetry(messageId, error, retryAt) {
      await outbox
        .patch({ messageId })
        .set({ lastError: error.slice(0, 1000), claimedUntil: retryAt.toISOString(), attemptOpen: false })
        .go();
    },
    async markFailed(messageId, error, now, status = 'failed') {
      await outbox
        .patch({ messageId })
        .set({ status, statusAt: now.toISOString(), lastError: error.slice(0, 1000), attemptOpen: false })
        .remove(['claimedUntil'])
        .go();
    },
    async listQueued(limit) {
      const { data } = await outbox.query.byStatus({ status: 'queued' }).go({ limit });
      return data.map(toMessage);
    },
    async queuedPage(limit, cursor) {
      const { data, cursor: next } = await outbox.query
        .byStatus({ status: 'queued' })
        .go({ limit, ...(cursor ? { cursor } : {}) });
      return { messages: data.map(toMessage), cursor: next ?? undefined };
    },
    async listByStatus(status, since) {
      const query = outbox.query.byStatus({ status });
      const { data } = await (since ? query.gte({ statusAt: since }) : query).go({ pages: 'all' });
      return data.map(toMessage);
    },
    async get(messageId) {
      const { data } = await outbox.get({ messageId }).go();
      return data ? toMessage(data) : undefined;
    },
  };
}

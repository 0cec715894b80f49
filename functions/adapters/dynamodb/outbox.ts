import type { EntityItem } from 'electrodb';
import { ValidationError } from '../../errors.ts';
import type { OutboxStore } from '../../mail/delivery.ts';
import type { EmailLogStore } from '../../mail/log.ts';
import type { AttachmentSpec, DocumentSpec, LinkSpec, OutboxMessage, RequestLinkSpec } from '../../mail/outbox.ts';
import { type Permission, tableAccess } from '../permissions.ts';
import { isConditionFailure } from './conditions.ts';
import { registrationKeyOf, subjectOf } from './entities/outbox.ts';
import type { Store } from './store.ts';

/**
 * IAM for the calls below. The one-call claim is a transaction: UpdateItem (the message, the
 * registration's token hash) and ConditionCheckItem (the suppression list) are authorised per item.
 */
export const PERMISSIONS: readonly Permission[] = /* @__PURE__ */ tableAccess(
  'dynamodb:GetItem',
  'dynamodb:Query',
  'dynamodb:UpdateItem',
  'dynamodb:DeleteItem',
  'dynamodb:ConditionCheckItem',
);

type ClaimOutcome = { canceled: boolean; data: { rejected: boolean; code: string; item: unknown }[] };
/** Clashes with another transaction on the same items are retried this many times. */
const CONFLICT_RETRIES = 4;

/** DynamoDB's or ElectroDB's refusal of a malformed or foreign start key. */
function isInvalidStart(error: unknown): boolean {
  const e = error as { name?: string; message?: string; cause?: { name?: string } } | undefined;
  return (
    e?.name === 'ValidationException' ||
    e?.cause?.name === 'ValidationException' ||
    /cursor|starting key|start key/i.test(e?.message ?? '')
  );
}

const invalidCursor = () =>
  new ValidationError('That page of the email log does not exist.', { cursor: 'Start again from the first page.' });

/** Queries a narrowed view may make for one page before it hands back a shorter page and its cursor. */
const NARROWED_ROUNDS = 5;
/** Items each of those queries reads (DynamoDB's Limit, before the filter). */
const NARROWED_READ = 400;

/** The key attributes of each view's index, which make up a start key (a cursor). */
const INDEX_FIELDS = {
  status: ['gsi1pk', 'gsi1sk'],
  meeting: ['gsi2pk', 'gsi2sk'],
  circular: ['gsi2pk', 'gsi2sk'],
  address: ['gsi3pk', 'gsi3sk'],
  registration: ['gsi4pk', 'gsi4sk'],
} as const;

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
  const { outbox, governanceRequest } = store.entities;
  return {
    async requestState(requestId) {
      const { data } = await governanceRequest.get({ requestId }).go({ attributes: ['state'] });
      return data?.state;
    },
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
    async claimCarried(messageId, recipient, now, leaseMs, condition) {
      const at = now.toISOString();
      for (let attempt = 0; ; attempt++) {
        const outcome = (await store.transaction
          .write(({ outbox: box, suppression, registration }) => [
            box
              .patch({ messageId })
              .set({ claimedUntil: new Date(now.getTime() + leaseMs).toISOString(), attemptOpen: true })
              .add({ attempts: 1 })
              .where(
                (attr, op) =>
                  `${op.eq(attr.status, 'queued')} AND (${op.notExists(attr.claimedUntil)} OR ${op.lt(attr.claimedUntil, at)}) AND (${op.notExists(attr.attemptOpen)} OR ${op.eq(attr.attemptOpen, false)})`,
              )
              .commit({ response: 'all_old' }),
            suppression
              .check({ email: recipient.toLowerCase() })
              .where((attr, op) => op.notExists(attr.email))
              .commit(),
            ...(condition?.hash
              ? [
                  registration
                    .patch({ meetingId: condition.meetingId, registrationId: condition.registrationId })
                    .set({ verifyTokenHash: condition.hash })
                    .where((attr, op) => op.eq(attr.status, 'unverified'))
                    .commit(),
                ]
              : condition
                ? [
                    registration
                      .check({ meetingId: condition.meetingId, registrationId: condition.registrationId })
                      .where((attr, op) => op.exists(attr.registrationId))
                      .commit(),
                  ]
                : []),
          ])
          .go()) as unknown as ClaimOutcome;
        if (!outcome.canceled) return 'claimed';
        const [message, address, registrationCheck] = outcome.data;
        if (message?.code === 'ConditionalCheckFailed') {
          // Sent, failed or held: busy. Claimable but for an attempt never concluded (or not
          // answered): the long way, whose claim asks SES's Send events.
          const before = message.item as Partial<OutboxItem> | null;
          const claimable = before?.status === 'queued' && (!before.claimedUntil || before.claimedUntil < at);
          return before && !claimable ? 'busy' : 'in-doubt';
        }
        if (address?.code === 'ConditionalCheckFailed') return 'suppressed';
        if (registrationCheck?.code === 'ConditionalCheckFailed') return 'gone';
        if (!outcome.data.some((d) => d.code === 'TransactionConflict') || attempt >= CONFLICT_RETRIES) {
          throw new Error(`Email could not be claimed: ${outcome.data.map((d) => d.code).join(', ')}`);
        }
        await new Promise((resolve) => setTimeout(resolve, Math.random() * 20 * 2 ** attempt));
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
    async page(view, narrow, { limit, cursor }) {
      const query = (() => {
        switch (view.by) {
          case 'registration':
            return outbox.query.byRegistration({
              registrationKey: registrationKeyOf(view.meetingId, view.registrationId, ''),
            });
          case 'meeting':
            return outbox.query.bySubject({ subject: subjectOf(view.meetingId, undefined) });
          case 'circular':
            return outbox.query.bySubject({ subject: `circular:${view.circularId}` });
          case 'address':
            return outbox.query.byAddress({ address: view.address });
          case 'status': {
            const byStatus = outbox.query.byStatus({ status: view.status });
            return view.since ? byStatus.gte({ statusAt: view.since }) : byStatus;
          }
        }
      })();
      const filters = Object.values(narrow).some((v) => v !== undefined);
      const narrowed = filters
        ? query.where((attr, op) =>
            [
              narrow.status ? op.eq(attr.status, narrow.status) : '',
              narrow.since ? op.gte(attr.statusAt, narrow.since) : '',
              narrow.address ? op.eq(attr.address, narrow.address) : '',
              narrow.circularId ? op.eq(attr.subject, `circular:${narrow.circularId}`) : '',
            ]
              .filter(Boolean)
              .join(' AND '),
          )
        : query;
      const keyFields = ['pk', 'sk', ...INDEX_FIELDS[view.by]];
      try {
        // Without a filter, DynamoDB's limit is the page. With one, each query reads up to
        // NARROWED_READ items and the page keeps the first that pass; the cursor is then the key
        // of the last kept (a start key is exclusive), so that nothing is skipped or repeated.
        const messages: OutboxMessage[] = [];
        let next: string | undefined = cursor;
        const startKey = (at: string) => {
          try {
            return JSON.parse(Buffer.from(at, 'base64url').toString('utf8')) as Record<string, unknown>;
          } catch {
            throw invalidCursor();
          }
        };
        for (let round = 0; round < (filters ? NARROWED_ROUNDS : 1); round++) {
          const want = limit - messages.length;
          const { data: raw } = (await narrowed.go({
            order: 'desc',
            limit: filters ? NARROWED_READ : want,
            data: 'raw',
            // In raw mode ElectroDB takes the start key itself.
            ...(next ? { cursor: startKey(next) as never } : {}),
          })) as unknown as { data: { Items?: Record<string, unknown>[]; LastEvaluatedKey?: Record<string, unknown> } };
          const items = raw.Items ?? [];
          const kept = items.slice(0, want);
          const last = kept.at(-1);
          const stop =
            kept.length < items.length && last
              ? Object.fromEntries(keyFields.map((field) => [field, last[field]]))
              : raw.LastEvaluatedKey;
          messages.push(...(outbox.parse({ Items: kept }).data as OutboxItem[]).map(toMessage));
          next = stop ? Buffer.from(JSON.stringify(stop)).toString('base64url') : undefined;
          if (!next || messages.length >= limit) break;
        }
        return { messages, cursor: next };
      } catch (error) {
        // A cursor that is not one of this view's: DynamoDB refuses its start key.
        if (cursor && isInvalidStart(error)) throw invalidCursor();
        throw error;
      }
    },
    async get(messageId) {
      const { data } = await outbox.get({ messageId }).go();
      return data ? toMessage(data) : undefined;
    },
  };
}

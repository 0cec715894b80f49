import type { EntityItem } from 'electrodb';
import type { Circular, DistributionList } from '../../circulars/circular.ts';
import type { CircularStore } from '../../circulars/operations.ts';
import type { Lang } from '../../i18n/languages.ts';
import { type Permission, tableAccess } from '../permissions.ts';
import { isConditionFailure } from './conditions.ts';
import { meetingRepository } from './meetings.ts';
import { registrationStore } from './registrations.ts';
import type { Store } from './store.ts';

/** IAM for the calls below. Circulars, sequences, numbers and distribution lists; issuing is one transaction (PutItem and UpdateItem are authorised per item). */
export const PERMISSIONS: readonly Permission[] = /* @__PURE__ */ tableAccess(
  'dynamodb:GetItem',
  'dynamodb:BatchGetItem',
  'dynamodb:Query',
  'dynamodb:PutItem',
  'dynamodb:UpdateItem',
);

type CircularItem = EntityItem<Store['entities']['circular']>;

function toCircular(item: CircularItem): Circular {
  return {
    circularId: item.circularId,
    bureau: item.bureau as Circular['bureau'],
    status: item.status,
    languages: item.languages as Lang[],
    meetingId: item.meetingId,
    contact: JSON.parse(item.contact) as Circular['contact'],
    content: JSON.parse(item.content) as Circular['content'],
    distribution: JSON.parse(item.distribution) as Circular['distribution'],
    number: item.number,
    issuedAt: item.issuedAt,
    issuedBy: item.issuedBy,
    documents: JSON.parse(item.documents) as Circular['documents'],
    revisionOf: item.revisionOf,
    distributedAt: item.distributedAt,
    createdAt: item.createdAt,
    version: item.version,
  };
}

type TransactionOutcome = { canceled: boolean; data: { code: string }[] };

export function circularStore(store: Store, now: () => Date = () => new Date()): CircularStore {
  const { circular, bureauSequence, distributionList, outbox } = store.entities;
  const meetings = meetingRepository(store);
  const registrations = registrationStore(store, now);
  return {
    async getCircular(circularId) {
      const { data } = await circular.get({ circularId }).go();
      return data ? toCircular(data) : undefined;
    },
    async listCirculars() {
      const { data } = await circular.query.all({}).go({ pages: 'all' });
      return data.map(toCircular).reverse();
    },
    async createCircular(c) {
      await circular
        .create({
          ...c,
          contact: JSON.stringify(c.contact),
          content: JSON.stringify(c.content),
          distribution: JSON.stringify(c.distribution),
          documents: JSON.stringify(c.documents),
        })
        .go();
    },
    async updateDraft(circularId, expectedVersion, changes) {
      const set: Record<string, unknown> = {};
      for (const [key, value] of Object.entries(changes)) {
        if (value === undefined) continue;
        set[key] = ['contact', 'content', 'distribution', 'documents'].includes(key) ? JSON.stringify(value) : value;
      }
      try {
        await circular
          .patch({ circularId })
          .set({ ...(set as Partial<CircularItem>), version: expectedVersion + 1 })
          .where((attr, op) => `${op.eq(attr.version, expectedVersion)} AND ${op.eq(attr.status, 'draft')}`)
          .go({ response: 'none' });
        return true;
      } catch (error) {
        if (isConditionFailure(error)) return false;
        throw error;
      }
    },
    async assignNumber(c) {
      const { data: sequence } = await bureauSequence.get({ bureau: c.bureau }).go();
      const last = sequence?.last ?? 0;
      const next = last + 1;
      const outcome = (await store.transaction
        .write(({ bureauSequence: seq, circularNumber: numbers, circular: circ }) => [
          circ
            .patch({ circularId: c.circularId })
            .set({ status: 'issuing', number: next, version: c.version + 1 })
            .where((attr, op) => `${op.eq(attr.status, 'draft')} AND ${op.eq(attr.version, c.version)}`)
            .commit(),
          seq
            .update({ bureau: c.bureau })
            .set({ last: next })
            .where((attr, op) =>
              last === 0 ? `${op.notExists(attr.last)} OR ${op.eq(attr.last, 0)}` : op.eq(attr.last, last),
            )
            .commit() as never,
          numbers.create({ bureau: c.bureau, number: next, circularId: c.circularId }).commit() as never,
        ])
        .go()) as TransactionOutcome;
      if (!outcome.canceled) return next;
      if (outcome.data[0]?.code === 'ConditionalCheckFailed') return 'not-a-draft';
      return 'retry';
    },
    async completeIssue(circularId, documents, issuedAt, issuedBy) {
      try {
        await circular
          .patch({ circularId })
          .set({ status: 'issued', documents: JSON.stringify(documents), issuedAt, issuedBy })
          .add({ version: 1 })
          .where((attr, op) => op.eq(attr.status, 'issuing'))
          .go({ response: 'none' });
      } catch (error) {
        if (!isConditionFailure(error)) throw error; // finished by a concurrent run
      }
    },
    async markDistributed(circularId, at) {
      await circular.patch({ circularId }).set({ distributedAt: at }).go({ response: 'none' });
    },
    getMeeting: (meetingId) => meetings.getMeeting(meetingId),
    async getDistributionList(listId) {
      const { data } = await distributionList.get({ listId }).go();
      return data
        ? {
            listId: data.listId,
            name: data.name,
            members: JSON.parse(data.members) as DistributionList['members'],
            version: data.version,
          }
        : undefined;
    },
    async putDistributionList(list) {
      const { data: existing } = await distributionList.get({ listId: list.listId }).go();
      const version = (existing?.version ?? 0) + 1;
      await distributionList
        .put({ listId: list.listId, name: list.name, members: JSON.stringify(list.members), version })
        .go();
      return { ...list, version };
    },
    queueMessages: (messages) => registrations.queueMessages(messages),
    async messageStatuses(messageIds) {
      const statuses: Record<string, 'queued' | 'sent' | 'failed' | 'suppressed'> = {};
      for (let i = 0; i < messageIds.length; i += 100) {
        const { data } = await outbox.get(messageIds.slice(i, i + 100).map((messageId) => ({ messageId }))).go();
        for (const item of data) statuses[item.messageId] = item.status;
      }
      return statuses;
    },
  };
}

import type { EntityItem } from 'electrodb';
import type { Circular, DistributionList } from '../../circulars/circular.ts';
import type { CircularStore } from '../../circulars/operations.ts';
import type { Lang } from '../../i18n/languages.ts';
import { type Permission, tableAccess } from '../permissions.ts';
import { isConditionFailure } from './conditions.ts';
import { meetingRepository } from './meetings.ts';
import { partnerRepository } from './partners.ts';
import { registrationStore } from './registrations.ts';
import type { Store } from './store.ts';

/** IAM for the calls below. Circulars, sequences, numbers and distribution lists; issuing is one transaction (PutItem and UpdateItem are authorised per item). */
export const PERMISSIONS: readonly Permission[] = /* @__PURE__ */ tableAccess(
  'dynamodb:GetItem',
  'dynamodb:BatchGetItem',
  'dynamodb:Query',
  'dynamodb:PutItem',
  'dynamodb:UpdateItem',
  'dynamodb:DeleteItem',
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
    numberedParagraphs: item.numberedParagraphs ?? true,
    fallbacks: item.fallbacks ? (JSON.parse(item.fallbacks) as Circular['fallbacks']) : {},
    issuedOn: item.issuedOn,
    imported: item.imported,
    revision: item.revision,
    revisionReason: item.revisionReason,
    corrects: item.corrects ? (JSON.parse(item.corrects) as Circular['corrects']) : undefined,
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

/** Attributes held as JSON text. */
const JSON_FIELDS = ['contact', 'content', 'distribution', 'documents', 'fallbacks', 'corrects'];
const toItemFields = (changes: Partial<Circular>): Record<string, unknown> => {
  const set: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(changes)) {
    if (value === undefined) continue;
    set[key] = JSON_FIELDS.includes(key) ? JSON.stringify(value) : value;
  }
  return set;
};

export function circularStore(store: Store, now: () => Date = () => new Date()): CircularStore {
  const { circular, bureauSequence, circularNumber, circularRevision, sequenceChange, distributionList, outbox } =
    store.entities;
  const meetings = meetingRepository(store);
  const partners = partnerRepository(store);
  const lastOf = async (bureau: string) => (await bureauSequence.get({ bureau }).go()).data?.last ?? 0;
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
      await circular.create(toItemFields(c) as CircularItem).go();
    },
    async updateCircular(circularId, expectedVersion, changes, status) {
      try {
        await circular
          .patch({ circularId })
          .set({ ...(toItemFields(changes) as Partial<CircularItem>), version: expectedVersion + 1 })
          .where(
            (attr, op) =>
              `${op.eq(attr.version, expectedVersion)} AND ${op.eq(attr.status, status as CircularItem['status'])}`,
          )
          .go({ response: 'none' });
        return true;
      } catch (error) {
        if (isConditionFailure(error)) return false;
        throw error;
      }
    },
    async deleteDraft(circularId, expectedVersion) {
      try {
        await circular
          .delete({ circularId })
          .where((attr, op) => `${op.eq(attr.version, expectedVersion)} AND ${op.eq(attr.status, 'draft')}`)
          .go({ response: 'none' });
        return true;
      } catch (error) {
        if (isConditionFailure(error)) return false;
        throw error;
      }
    },
    async assignNumber(c, claim) {
      const last = await lastOf(c.bureau);
      const number = claim.kind === 'next' ? last + 1 : claim.number;
      // The sequence moves on for a new number, and for an imported one above it; a revision keeps it.
      const raise = claim.kind === 'next' || (claim.kind === 'import' && claim.number > last);
      const outcome = (await store.transaction
        .write(({ bureauSequence: seq, circularNumber: numbers, circularRevision: revisions, circular: circ }) => [
          circ
            .patch({ circularId: c.circularId })
            .set({
              status: 'issuing',
              number,
              issuedOn: claim.issuedOn,
              ...(claim.kind === 'import' ? { imported: true } : {}),
              ...(claim.kind === 'revision' ? { revision: claim.revision } : {}),
              version: c.version + 1,
            })
            .where((attr, op) => `${op.eq(attr.status, 'draft')} AND ${op.eq(attr.version, c.version)}`)
            .commit(),
          claim.kind === 'revision'
            ? (revisions
                .create({ bureau: c.bureau, number, revision: claim.revision, circularId: c.circularId })
                .commit() as never)
            : (numbers.create({ bureau: c.bureau, number, circularId: c.circularId }).commit() as never),
          ...(raise
            ? [
                seq
                  .update({ bureau: c.bureau })
                  .set({ last: number })
                  .where((attr, op) =>
                    last === 0 ? `${op.notExists(attr.last)} OR ${op.eq(attr.last, 0)}` : op.eq(attr.last, last),
                  )
                  .commit() as never,
              ]
            : []),
        ])
        .go()) as TransactionOutcome;
      if (!outcome.canceled) return number;
      if (outcome.data[0]?.code === 'ConditionalCheckFailed') return 'not-a-draft';
      if (outcome.data[1]?.code === 'ConditionalCheckFailed' && claim.kind === 'import') return 'taken';
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
    countPartners: async () => (await partners.listPartners()).length,
    async countRevisions(bureau, number) {
      const { data } = await circularRevision.query.byNumber({ bureau, number }).go({ pages: 'all' });
      return data.length;
    },
    async sequence(bureau) {
      const [last, highest, changes] = await Promise.all([
        lastOf(bureau),
        // Numbers are string-sorted in the key ("4" after "352"): the highest is found by reading them all.
        circularNumber.query.byNumber({ bureau }).go({ pages: 'all', attributes: ['number'] }),
        sequenceChange.query.byBureau({ bureau }).go({ pages: 'all' }),
      ]);
      return {
        bureau,
        next: last + 1,
        highestIssued: highest.data.reduce((max, item) => Math.max(max, item.number), 0),
        changes: changes.data.map(({ bureau: b, at, by, fromNext, toNext, reason }) => ({
          bureau: b,
          at,
          by,
          fromNext,
          toNext,
          reason,
        })),
      };
    },
    async setSequence(change) {
      const expected = change.fromNext - 1;
      const outcome = (await store.transaction
        .write(({ bureauSequence: seq, sequenceChange: changes }) => [
          seq
            .update({ bureau: change.bureau })
            .set({ last: change.toNext - 1 })
            .where((attr, op) =>
              expected === 0 ? `${op.notExists(attr.last)} OR ${op.eq(attr.last, 0)}` : op.eq(attr.last, expected),
            )
            .commit(),
          changes.create(change).commit() as never,
        ])
        .go()) as TransactionOutcome;
      return !outcome.canceled;
    },
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
    async listDistributionLists() {
      const query = distributionList.query.all({});
      const { data } = await query.go({ pages: 'all' });
      return data.map((l) => ({ listId: l.listId, name: l.name, members: JSON.parse(l.members).length as number }));
    },
    async approvedRegistrants(meetingId) {
      const approved = await registrations.listByStatus(meetingId, 'approved');
      return approved.map((r) => ({ email: r.email, name: r.name, language: r.language }));
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

import type { EditOutcome, StructureStore } from '../../governance/structure.ts';
import { type Permission, tableAccess } from '../permissions.ts';
import { isConditionFailure } from './conditions.ts';
import { outboxItem } from './registrations.ts';
import type { Store } from './store.ts';

/** IAM for the calls below (a transaction authorises PutItem per item). */
export const PERMISSIONS: readonly Permission[] = /* @__PURE__ */ tableAccess(
  'dynamodb:GetItem',
  'dynamodb:Query',
  'dynamodb:PutItem',
);

const ifAbsent = async (write: () => Promise<unknown>) => {
  try {
    await write();
    return true;
  } catch (error) {
    if (isConditionFailure(error)) return false;
    throw error;
  }
};

/** An edit replaces the record only if it is still at the version its author saw (never edited: no `version`, or 0). */
async function edit(write: () => Promise<unknown>): Promise<EditOutcome> {
  try {
    await write();
    return 'updated';
  } catch (error) {
    if (isConditionFailure(error)) return 'stale';
    throw error;
  }
}

const defined = <T extends object>(item: T) =>
  Object.fromEntries(Object.entries(item).filter(([, v]) => v !== undefined && v !== null)) as T;

/** Thematic groups, deliverables, contributions, minutes, offices and the IP lead's e-meetings. */
export function structureStore(store: Store, now: () => Date = () => new Date()): StructureStore {
  const {
    thematicGroup,
    deliverable,
    contribution,
    minutes,
    office,
    ipLeadMeeting,
    nominationCall,
    workPlanInput,
    partner,
  } = store.entities;
  return {
    async listGroups() {
      const { data } = await thematicGroup.query.all({}).go({ pages: 'all' });
      return data.map((g) => defined({ ...g }));
    },
    async listDeliverables() {
      const { data } = await deliverable.query.all({}).go({ pages: 'all' });
      return data.map((d) => defined({ ...d }));
    },
    async getDeliverable(deliverableId) {
      const { data } = await deliverable.get({ deliverableId }).go();
      return data ? defined({ ...data }) : undefined;
    },
    async listContributions() {
      const { data } = await contribution.query.all({}).go({ pages: 'all' });
      return data.map((c) => ({ ...c }));
    },
    async listMinutes() {
      const { data } = await minutes.query.all({}).go({ pages: 'all' });
      return data.map((m) => ({ ...m }));
    },
    createGroup: (g) => ifAbsent(() => thematicGroup.create(defined(g)).go({ response: 'none' })),
    createDeliverable: (d) => ifAbsent(() => deliverable.create(defined(d)).go({ response: 'none' })),
    async updateGroup(groupId, version, changes, at) {
      const { data } = await thematicGroup.get({ groupId }).go({ consistent: true });
      if (!data) return 'missing';
      const { description: _old, ...kept } = data;
      const next = defined({ ...kept, ...changes, version: version + 1, updatedAt: at });
      return edit(() =>
        thematicGroup
          .put(next)
          .where((attr, op) =>
            version === 0
              ? `(${op.notExists(attr.version)} OR ${op.eq(attr.version, 0)})`
              : op.eq(attr.version, version),
          )
          .go({ response: 'none' }),
      );
    },
    async updatePartnerNames(partnerId, version, names, at) {
      const { data } = await partner.get({ partnerId }).go({ consistent: true });
      if (!data) return 'missing';
      const { nameAr: _ar, nameZh: _zh, nameFr: _fr, nameRu: _ru, nameEs: _es, ...kept } = data;
      const next = defined({ ...kept, ...names, version: version + 1, updatedAt: at });
      return edit(() =>
        partner
          .put(next)
          .where((attr, op) => op.eq(attr.version, version))
          .go({ response: 'none' }),
      );
    },
    async updateDeliverable(deliverableId, version, changes, at) {
      const { data } = await deliverable.get({ deliverableId }).go({ consistent: true });
      if (!data) return 'missing';
      const { description: _old, ...kept } = data;
      const next = defined({ ...kept, ...changes, version: version + 1, updatedAt: at });
      return edit(() =>
        deliverable
          .put(next)
          .where((attr, op) =>
            version === 0
              ? `(${op.notExists(attr.version)} OR ${op.eq(attr.version, 0)})`
              : op.eq(attr.version, version),
          )
          .go({ response: 'none' }),
      );
    },
    async contribute(c, messages) {
      const at = now();
      const outcome = (await store.transaction
        .write(({ contribution: contrib, outbox }) => [
          contrib.create(c).commit(),
          ...messages.map((m) => outbox.create(outboxItem(m, at)).commit() as never),
        ])
        .go()) as { canceled: boolean; data: { code: string }[] };
      if (!outcome.canceled) return true;
      if (outcome.data[0]?.code === 'ConditionalCheckFailed') return false;
      throw new Error(`Contribution not written: ${outcome.data.map((d) => d.code).join(', ')}`);
    },
    async addMinutes(m) {
      await minutes.create(m).go({ response: 'none' });
    },
    createOffice: (o) => ifAbsent(() => office.create(defined(o)).go({ response: 'none' })),
    async recordIpLeadMeeting(m) {
      await ipLeadMeeting.put(m).go({ response: 'none' });
    },
    createCall: (c) => ifAbsent(() => nominationCall.create(defined(c)).go({ response: 'none' })),
    async listCalls() {
      const { data } = await nominationCall.query.all({}).go({ pages: 'all' });
      return data.map((c) => defined({ ...c }));
    },
    async putWorkPlanInput(input) {
      await workPlanInput.put(input).go({ response: 'none' });
    },
    async listWorkPlanInputs() {
      const { data } = await workPlanInput.query.all({}).go({ pages: 'all' });
      return data.map((i) => ({ ...i }));
    },
    async listIpLeadMeetings() {
      const { data } = await ipLeadMeeting.query.all({}).go({ pages: 'all' });
      return data.map((m) => ({ quarter: m.quarter, heldOn: m.heldOn }));
    },
  };
}

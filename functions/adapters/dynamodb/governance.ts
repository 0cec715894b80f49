import type { GovernanceStore, Hub, IpLeadMeeting, Office } from '../../governance/records.ts';
import { type Permission, tableAccess } from '../permissions.ts';
import { isConditionFailure } from './conditions.ts';
import type { Store } from './store.ts';

/** IAM for the calls below. */
export const PERMISSIONS: readonly Permission[] = /* @__PURE__ */ tableAccess('dynamodb:Query', 'dynamodb:PutItem');

export function governanceStore(store: Store): GovernanceStore & {
  createOfficeIfAbsent(office: Office): Promise<boolean>;
  createHubIfAbsent(hub: Hub): Promise<boolean>;
  recordIpLeadMeeting(meeting: IpLeadMeeting): Promise<void>;
} {
  const { office, ipLeadMeeting, hub } = store.entities;
  const ifAbsent = async (write: () => Promise<unknown>) => {
    try {
      await write();
      return true;
    } catch (error) {
      if (isConditionFailure(error)) return false;
      throw error;
    }
  };
  return {
    async listOffices() {
      const { data } = await office.query.all({}).go({ pages: 'all' });
      return data.map((o) => ({ ...o }));
    },
    async listIpLeadMeetings() {
      const { data } = await ipLeadMeeting.query.all({}).go({ pages: 'all' });
      return data.map((m) => ({ quarter: m.quarter, heldOn: m.heldOn }));
    },
    async listHubs() {
      const { data } = await hub.query.all({}).go({ pages: 'all' });
      return data.map((h) => ({ ...h }));
    },
    createOfficeIfAbsent: (o) => ifAbsent(() => office.create(o).go()),
    createHubIfAbsent: (h) => ifAbsent(() => hub.create(h).go()),
    async recordIpLeadMeeting(m) {
      await ipLeadMeeting.put(m).go({ response: 'none' });
    },
  };
}

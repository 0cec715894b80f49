import type { DashboardStore } from '../../dashboard/dashboard.ts';
import { type Permission, tableAccess } from '../permissions.ts';
import type { Store } from './store.ts';

/** IAM for the calls below: queries only. */
export const PERMISSIONS: readonly Permission[] = /* @__PURE__ */ tableAccess('dynamodb:Query');

/** The dashboard's counts, each one query on an index, reading keys only. */
export function dashboardStore(store: Store): DashboardStore {
  const { registration, circular, outbox } = store.entities;
  return {
    async countRegistrations(meetingId, status) {
      const query = registration.query.byStatus({ meetingId, status });
      const { data } = await query.go({ pages: 'all', attributes: ['registrationId'] });
      return data.length;
    },
    async circularStates() {
      const query = circular.query.all({});
      const { data } = await query.go({ pages: 'all', attributes: ['circularId', 'status', 'distributedAt'] });
      return data.map((c) => ({ circularId: c.circularId, status: c.status, distributed: Boolean(c.distributedAt) }));
    },
    async circularsWithQueuedEmails() {
      const { data } = await outbox.query
        .byStatus({ status: 'queued' })
        .go({ pages: 'all', attributes: ['messageId'] });
      const ids = new Set<string>();
      for (const { messageId } of data) {
        const match = /^circular\.([^.]+)\./.exec(messageId);
        if (match?.[1]) ids.add(match[1]);
      }
      return ids;
    },
    async countFailedEmailsSince(since) {
      const query = outbox.query.byStatus({ status: 'failed' }).gte({ statusAt: since });
      const { data } = await query.go({ pages: 'all', attributes: ['messageId'] });
      return data.length;
    },
  };
}

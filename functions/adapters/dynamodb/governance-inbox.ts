import type { InboxReader } from '../../governance/inbox.ts';
import type { Ballot } from '../../governance/request.ts';
import { type Permission, tableAccess } from '../permissions.ts';
import { toRequest } from './governance-request-item.ts';
import type { Store } from './store.ts';

/** IAM for the calls below: reads only (the console's navigation counts, it never writes). */
export const PERMISSIONS: readonly Permission[] = /* @__PURE__ */ tableAccess('dynamodb:Query');

/**
 * What the count of "waiting for my decision" reads: the requests (one query on their index),
 * the ballots of a request (only for a partner's focal point, on an open vote), and the records
 * the `partner` and `leader` roles are bound to.
 */
export function governanceInboxReader(store: Store): InboxReader {
  const { governanceRequest, governanceBallot, partner, office } = store.entities;
  return {
    requests: {
      async listRequests() {
        const { data } = await governanceRequest.query.all({}).go({ pages: 'all' });
        return data.map(toRequest);
      },
      async listBallots(requestId) {
        const { data } = await governanceBallot.query.byRequest({ requestId }).go({ pages: 'all' });
        return data.map(
          (b): Ballot => ({
            requestId: b.requestId,
            partnerId: b.partnerId,
            choice: b.choice,
            voterEmail: b.voterEmail,
            votedAt: b.votedAt,
          }),
        );
      },
    },
    directory: {
      async listPartners() {
        const { data } = await partner.query
          .byAcronym({})
          .go({ pages: 'all', attributes: ['partnerId', 'focalPointEmail'] });
        return data.map((p) => ({ partnerId: p.partnerId, focalPointEmail: p.focalPointEmail }));
      },
      async listOffices() {
        const { data } = await office.query.all({}).go({ pages: 'all' });
        return data.map((o) => ({ ...o }));
      },
    },
  };
}

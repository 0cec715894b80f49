import type { Role } from '../identity/roles.ts';
import { resolvePerson } from './bindings.ts';
import { listRequests } from './engine.ts';
import type { Office } from './records.ts';
import type { GovernanceRequestStore } from './request.ts';

/**
 * The count of governance requests waiting for the signed-in person's decision, shown in the
 * console's navigation on every page (issue: inboxes with counts in the navigation). The same
 * rule as the inbox itself (engine.ts `listRequests`): one query for the requests; a partner's
 * focal point also reads the ballots of the votes open now, a `partner` or `leader` the records
 * its role is bound to.
 */
export interface InboxReader {
  requests: Pick<GovernanceRequestStore, 'listRequests' | 'listBallots'>;
  directory: {
    listPartners(): Promise<{ partnerId: string; focalPointEmail?: string | undefined }[]>;
    listOffices(): Promise<Office[]>;
  };
}

export async function waitingCount(
  reader: InboxReader,
  identity: { email: string; roles: readonly Role[] },
): Promise<number> {
  const person = await resolvePerson(reader, identity);
  return (await listRequests(reader, person)).waiting.total;
}

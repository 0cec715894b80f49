import { governanceStore } from '../../functions/adapters/dynamodb/governance.ts';
import { governanceRequestStore } from '../../functions/adapters/dynamodb/governance-requests.ts';
import { meetingRepository } from '../../functions/adapters/dynamodb/meetings.ts';
import { partnerRepository } from '../../functions/adapters/dynamodb/partners.ts';
import { personRepository } from '../../functions/adapters/dynamodb/people.ts';
import type { Store } from '../../functions/adapters/dynamodb/store.ts';
import { structureStore } from '../../functions/adapters/dynamodb/thematic-groups.ts';
import {
  DEMO_HUBS,
  DEMO_PEOPLE,
  demoGovernanceRequests,
  demoMeeting,
  demoOffices,
  demoThematicGroups,
  MEETING_6,
  PARTNERS,
} from './seed-data.ts';
import { seedDemoHubYear } from './seed-hub.ts';

/**
 * Loads the demo data. Every record is created only if absent, so seeding twice (or on a
 * second start) changes nothing and never overwrites what someone edited.
 */
export async function seed(store: Store): Promise<{ created: number; existing: number }> {
  const meetings = meetingRepository(store);
  const partners = partnerRepository(store);
  const people = personRepository(store);
  const governance = governanceStore(store);
  const structure = structureStore(store);
  const thematic = demoThematicGroups(new Date());
  const requests = governanceRequestStore(
    store,
    () => new Date(),
    (kind) => kind === 'e-decision',
  );
  const openRequest = async (request: ReturnType<typeof demoGovernanceRequests>[number]) => {
    try {
      const event = {
        requestId: request.requestId,
        eventId: `${request.createdAt}#v1#open`,
        at: request.createdAt,
        actorEmail: request.requesterEmail,
        actorRole: 'seed',
        action: 'open',
        from: '',
        to: request.state,
      };
      await requests.createRequest(request, event, []);
      return true;
    } catch (error) {
      if (String(error).includes('ConditionalCheckFailed')) return false;
      throw error;
    }
  };
  const results = await Promise.all([
    meetings.createMeetingIfAbsent(MEETING_6),
    meetings.createMeetingIfAbsent(demoMeeting(new Date())),
    ...PARTNERS.map((partner) => partners.createPartnerIfAbsent(partner)),
    ...DEMO_PEOPLE.map((person) => people.createPersonIfAbsent({ ...person, demo: true })),
    ...demoOffices(new Date()).map((office) => governance.createOfficeIfAbsent(office)),
    ...DEMO_HUBS.map((hub) => governance.createHubIfAbsent(hub)),
    ...thematic.groups.map((group) => structure.createGroup(group)),
    ...thematic.deliverables.map((deliverable) => structure.createDeliverable(deliverable)),
    ...thematic.calls.map((call) => structure.createCall(call)),
    ...demoGovernanceRequests(new Date()).map(openRequest),
  ]);
  // The demo hub's year needs the hub first; it is loaded once too, and not counted here.
  await seedDemoHubYear(store, new Date());
  const created = results.filter(Boolean).length;
  return { created, existing: results.length - created };
}

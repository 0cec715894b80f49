import type { Role } from '../identity/roles.ts';
import type { Actor } from './kinds.ts';
import type { GovernanceDirectory, GovernanceRequest, Person } from './request.ts';

type PartnerBinding = { partnerId: string; focalPointEmail?: string | undefined };

/**
 * Roles bound to records. A token says a person is a `partner` or a `leader`; which partner
 * and which groups comes from the records, by the signed-in email: a partner's focal point
 * (ToR §13, Annex II) acts for that partner, a group leader's office (ToR §19) for that group.
 * A `partner` whose email is no partner's focal point acts for none.
 */
export async function resolvePerson(
  deps: { directory: Pick<GovernanceDirectory, 'listOffices'> & { listPartners(): Promise<PartnerBinding[]> } },
  identity: { email: string; roles: readonly Role[] },
): Promise<Person> {
  const email = identity.email.trim().toLowerCase();
  const [partners, offices] = await Promise.all([
    identity.roles.includes('partner') ? deps.directory.listPartners() : Promise.resolve([]),
    identity.roles.includes('leader') ? deps.directory.listOffices() : Promise.resolve([]),
  ]);
  const today = new Date().toISOString();
  return {
    email,
    roles: identity.roles,
    partnerIds: partners.filter((p) => p.focalPointEmail?.toLowerCase() === email).map((p) => p.partnerId),
    groupIds: offices
      .filter((o) => o.role === 'leader' && o.groupId && o.holderEmail.toLowerCase() === email && o.termEnd >= today)
      .map((o) => o.groupId as string),
  };
}

/** Whether the person is one of the actors, for this request. */
export function actsAs(person: Person, actors: readonly Actor[], request: Partial<GovernanceRequest>): boolean {
  return actors.some((actor) => {
    if ('requester' in actor) return !!request.requesterEmail && request.requesterEmail === person.email;
    if (!person.roles.includes(actor.role)) return false;
    if (actor.scope === 'named-partner') return !!request.partnerId && person.partnerIds.includes(request.partnerId);
    if (actor.scope === 'group') return !!request.groupId && person.groupIds.includes(request.groupId);
    return true;
  });
}

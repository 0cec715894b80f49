import { ForbiddenError, NotFoundError } from '../errors.ts';
import type { Hub } from '../governance/records.ts';
import type { Identity } from '../http/claims.ts';

/**
 * Who may see and change a hub's records. The secretariat sees every hub; a person with the
 * role `hub` sees only the hubs whose contact or member emails are theirs (role `hub` alone
 * is not enough: it says "a hub", not which). Anyone else is refused.
 */
export type HubAccess = { kind: 'secretariat'; email: string } | { kind: 'hub'; email: string };

const same = (a: string, b: string) => a.trim().toLowerCase() === b.trim().toLowerCase();

export function isHubMember(hub: Hub, email: string): boolean {
  if (!email) return false;
  return same(hub.contactEmail, email) || (hub.memberEmails ?? []).some((member) => same(member, email));
}

/** The hubs this person works for (none for anyone without the role `hub`). */
export function hubsOf(identity: Identity | undefined, hubs: readonly Hub[]): Hub[] {
  if (!identity?.roles.includes('hub')) return [];
  return hubs.filter((hub) => isHubMember(hub, identity.email));
}

/**
 * The hub, if this person may work on it: 404 when there is no such hub, 403 when it is
 * another hub's.
 */
export function accessHub(identity: Identity | undefined, hub: Hub | undefined, hubId: string): HubAccess {
  if (!hub) throw new NotFoundError(`There is no hub ${hubId}.`);
  if (!identity) throw new ForbiddenError('Sign in first.');
  if (identity.roles.includes('secretariat')) return { kind: 'secretariat', email: identity.email };
  if (identity.roles.includes('hub') && isHubMember(hub, identity.email)) return { kind: 'hub', email: identity.email };
  throw new ForbiddenError(`You do not work for the hub ${hubId}: only its contact and members may.`);
}

import { UnauthorizedError } from '../errors.ts';
import type { Role } from '../identity/roles.ts';

/** Someone who signs in; their roles are their Cognito groups. */
export interface Person {
  email: string;
  name: string;
  organisation?: string | undefined;
  roles: Role[];
}

export interface PersonRepository {
  getPerson(email: string): Promise<Person | undefined>;
}

/**
 * The signed-in caller as the platform knows them: the roles come from the verified token,
 * the name and organisation from their record when there is one.
 */
export async function describePerson(
  deps: { people: PersonRepository },
  identity: { subject: string; email: string; roles: Role[] } | undefined,
) {
  if (!identity) throw new UnauthorizedError('Sign in: this route needs a bearer token.');
  const person = identity.email ? await deps.people.getPerson(identity.email) : undefined;
  return {
    subject: identity.subject,
    email: identity.email,
    roles: identity.roles,
    name: person?.name ?? null,
    organisation: person?.organisation ?? null,
  };
}

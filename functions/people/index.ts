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

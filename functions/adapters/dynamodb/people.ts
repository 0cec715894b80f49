import type { Person, PersonRepository } from '../../people/index.ts';
import { type Permission, tableAccess } from '../permissions.ts';
import { isConditionFailure } from './conditions.ts';
import type { Store } from './store.ts';

/** IAM for the calls below. */
export const PERMISSIONS: readonly Permission[] = /* @__PURE__ */ tableAccess('dynamodb:GetItem', 'dynamodb:PutItem');

export function personRepository(store: Store) {
  const { person } = store.entities;
  return {
    async getPerson(email: string) {
      const { data } = await person.get({ email: email.toLowerCase() }).go();
      if (!data) return undefined;
      return { email: data.email, name: data.name, organisation: data.organisation, roles: [...data.roles].sort() };
    },

    async createPersonIfAbsent(input: Person & { demo?: boolean }): Promise<boolean> {
      try {
        await person.create({ ...input, email: input.email.toLowerCase() }).go();
        return true;
      } catch (error) {
        if (isConditionFailure(error)) return false;
        throw error;
      }
    },
  } satisfies PersonRepository & Record<string, unknown>;
}

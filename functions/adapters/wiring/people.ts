import type { PartnerRepository } from '../../partners/index.ts';
import type { PersonRepository } from '../../people/index.ts';
import { partnerRepository } from '../dynamodb/partners.ts';
import { personRepository } from '../dynamodb/people.ts';
import { store } from '../dynamodb/store.ts';
import { once } from './core.ts';

export const partnersDeps = /* @__PURE__ */ once((): { partners: PartnerRepository } => ({
  partners: partnerRepository(store()),
}));

export const peopleDeps = /* @__PURE__ */ once((): { people: PersonRepository } => ({
  people: personRepository(store()),
}));

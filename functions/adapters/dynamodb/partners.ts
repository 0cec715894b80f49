import type { Partner, PartnerRepository } from '../../partners/index.ts';
import { type Permission, tableAccess } from '../permissions.ts';
import { isConditionFailure } from './conditions.ts';
import type { Store } from './store.ts';

/** IAM for the calls below. */
export const PERMISSIONS: readonly Permission[] = /* @__PURE__ */ tableAccess('dynamodb:Query', 'dynamodb:PutItem');

export function partnerRepository(store: Store) {
  const { partner } = store.entities;
  return {
    async listPartners() {
      const { data } = await partner.query.byAcronym({}).go({ pages: 'all' });
      return data.map((item) => ({
        partnerId: item.partnerId,
        acronym: item.acronym,
        name: item.name,
        nameAr: item.nameAr,
        nameZh: item.nameZh,
        nameFr: item.nameFr,
        nameRu: item.nameRu,
        nameEs: item.nameEs,
        secretariatFocalPoint: item.secretariatFocalPoint,
        focalPointEmail: item.focalPointEmail,
        version: item.version,
      }));
    },

    async createPartnerIfAbsent(input: Partner): Promise<boolean> {
      try {
        await partner.create(input).go();
        return true;
      } catch (error) {
        if (isConditionFailure(error)) return false;
        throw error;
      }
    },
  } satisfies PartnerRepository & Record<string, unknown>;
}

import { Entity, type EntityConfiguration } from 'electrodb';
import { SERVICE } from './meeting.ts';

/** A U4SSC partner: a UN agency, body or programme (ToR §12, Annex II). */
export const createPartnerEntity = (configuration: EntityConfiguration) =>
  new Entity(
    {
      model: { entity: 'partner', version: '1', service: SERVICE },
      attributes: {
        partnerId: { type: 'string', required: true, readOnly: true },
        acronym: { type: 'string', required: true },
        name: { type: 'string', required: true },
        nameAr: { type: 'string' },
        nameZh: { type: 'string' },
        nameFr: { type: 'string' },
        nameRu: { type: 'string' },
        nameEs: { type: 'string' },
        secretariatFocalPoint: { type: 'string' },
        joinedAt: { type: 'string' },
        /** The partner's focal point on the Partners Council: the `partner` role is bound to this email. */
        focalPointEmail: { type: 'string' },
        createdAt: { type: 'string', required: true, readOnly: true, default: () => new Date().toISOString() },
        version: { type: 'number', required: true, default: 1 },
        updatedAt: { type: 'string' },
      },
      indexes: {
        byId: {
          pk: { field: 'pk', composite: ['partnerId'] },
          sk: { field: 'sk', composite: [] },
        },
        byAcronym: {
          index: 'gsi1',
          pk: { field: 'gsi1pk', composite: [] },
          sk: { field: 'gsi1sk', composite: ['acronym'] },
        },
      },
    },
    configuration,
  );

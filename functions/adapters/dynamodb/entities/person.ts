import { Entity, type EntityConfiguration } from 'electrodb';
import { ROLES } from '../../../identity/roles.ts';
import { SERVICE } from './meeting.ts';

/** Someone who signs in: their roles mirror their Cognito groups. */
export const createPersonEntity = (configuration: EntityConfiguration) =>
  new Entity(
    {
      model: { entity: 'person', version: '1', service: SERVICE },
      attributes: {
        email: { type: 'string', required: true, readOnly: true },
        name: { type: 'string', required: true },
        organisation: { type: 'string' },
        roles: { type: 'set', items: [...ROLES], required: true },
        demo: { type: 'boolean', default: false },
        createdAt: { type: 'string', required: true, readOnly: true, default: () => new Date().toISOString() },
        version: { type: 'number', required: true, default: 1 },
      },
      indexes: {
        byEmail: {
          pk: { field: 'pk', composite: ['email'] },
          sk: { field: 'sk', composite: [] },
        },
        all: {
          index: 'gsi1',
          pk: { field: 'gsi1pk', composite: [] },
          sk: { field: 'gsi1sk', composite: ['email'] },
        },
      },
    },
    configuration,
  );

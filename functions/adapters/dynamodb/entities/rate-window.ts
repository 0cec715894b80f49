import { Entity, type EntityConfiguration } from 'electrodb';
import { SERVICE } from './meeting.ts';

/** Requests of one client in one fixed time window; expires by TTL soon after the window. */
export const createRateWindowEntity = (configuration: EntityConfiguration) =>
  new Entity(
    {
      model: { entity: 'rateWindow', version: '1', service: SERVICE },
      attributes: {
        client: { type: 'string', required: true, readOnly: true },
        window: { type: 'string', required: true, readOnly: true },
        count: { type: 'number', required: true, default: 0 },
        expiresAt: { type: 'number', required: true },
      },
      indexes: {
        byClient: {
          pk: { field: 'pk', composite: ['client'] },
          sk: { field: 'sk', composite: ['window'] },
        },
      },
    },
    configuration,
  );

import { Entity, type EntityConfiguration } from 'electrodb';
import { SERVICE } from './meeting.ts';

/**
 * A console session ended by signing out: the hash of its token, kept until the token itself
 * expires (TTL), so the cookie that carried it opens no console page again.
 */
export const createRevokedSessionEntity = (configuration: EntityConfiguration) =>
  new Entity(
    {
      model: { entity: 'revokedSession', version: '1', service: SERVICE },
      attributes: {
        tokenId: { type: 'string', required: true, readOnly: true },
        revokedAt: { type: 'string', required: true },
        expiresAt: { type: 'number', required: true },
      },
      indexes: {
        byToken: {
          pk: { field: 'pk', composite: ['tokenId'] },
          sk: { field: 'sk', composite: [] },
        },
      },
    },
    configuration,
  );

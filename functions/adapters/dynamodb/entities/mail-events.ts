import { Entity, type EntityConfiguration } from 'electrodb';
import { SERVICE } from './meeting.ts';

/** An address that must not be emailed again: it bounced for good, or its owner complained. */
export const createSuppressionEntity = (configuration: EntityConfiguration) =>
  new Entity(
    {
      model: { entity: 'suppression', version: '1', service: SERVICE },
      attributes: {
        email: { type: 'string', required: true, readOnly: true },
        reason: { type: ['bounce', 'complaint'] as const, required: true },
        detail: { type: 'string' },
        at: { type: 'string', required: true },
      },
      indexes: { byEmail: { pk: { field: 'pk', composite: ['email'] }, sk: { field: 'sk', composite: [] } } },
    },
    configuration,
  );

/** SES's word that it accepted a message (a Send event), keyed by the outbox id the message carried. */
export const createSendRecordEntity = (configuration: EntityConfiguration) =>
  new Entity(
    {
      model: { entity: 'sendRecord', version: '1', service: SERVICE },
      attributes: {
        outboxId: { type: 'string', required: true, readOnly: true },
        sesMessageId: { type: 'string', required: true },
        at: { type: 'string', required: true },
        expiresAt: { type: 'number', required: true },
      },
      indexes: { byOutboxId: { pk: { field: 'pk', composite: ['outboxId'] }, sk: { field: 'sk', composite: [] } } },
    },
    configuration,
  );

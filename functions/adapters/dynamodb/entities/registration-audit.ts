import { Entity, type EntityConfiguration } from 'electrodb';
import { SERVICE } from './meeting.ts';

/**
 * A decision on a registration (approve, reject, re-approve, promote from the waiting list):
 * who, when, from which status to which, and the reason given. Written in the same transaction
 * as the change it records; read as the registration's audit trail, oldest first.
 */
export const createRegistrationAuditEntity = (configuration: EntityConfiguration) =>
  new Entity(
    {
      model: { entity: 'registrationAudit', version: '1', service: SERVICE },
      attributes: {
        meetingId: { type: 'string', required: true, readOnly: true },
        registrationId: { type: 'string', required: true, readOnly: true },
        at: { type: 'string', required: true, readOnly: true },
        /** The registration's version the change produced: unique per registration. */
        version: { type: 'number', required: true, readOnly: true },
        actor: { type: 'string', required: true },
        action: { type: 'string', required: true },
        from: { type: 'string', required: true },
        to: { type: 'string', required: true },
        reason: { type: 'string' },
      },
      indexes: {
        byRegistration: {
          pk: { field: 'pk', composite: ['meetingId', 'registrationId'] },
          sk: { field: 'sk', composite: ['version'] },
        },
      },
    },
    configuration,
  );

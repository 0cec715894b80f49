import { Entity, type EntityConfiguration } from 'electrodb';
import { OUTBOX_STATUSES } from '../../../mail/outbox.ts';
import { SERVICE } from './meeting.ts';

/**
 * An email to send: written in the same transaction as the change it reports, then delivered
 * by the sender. `gsi1` lists messages by status, oldest first, for re-driving.
 */
export const createOutboxEntity = (configuration: EntityConfiguration) =>
  new Entity(
    {
      model: { entity: 'outbox', version: '1', service: SERVICE },
      attributes: {
        messageId: { type: 'string', required: true, readOnly: true },
        status: { type: OUTBOX_STATUSES, required: true },
        statusAt: { type: 'string', required: true },
        recipient: { type: 'string', required: true },
        language: { type: 'string', required: true },
        template: { type: 'string', required: true },
        /** The template's values, as JSON. */
        data: { type: 'string', required: true },
        /** What to attach, regenerated at send time (e.g. a calendar entry), as JSON. */
        attachments: { type: 'string' },
        /** A document that is the email's body, as JSON. */
        document: { type: 'string' },
        /** Which secret links to make at send time (never the links themselves), as JSON. */
        links: { type: 'string' },
        meetingId: { type: 'string' },
        registrationId: { type: 'string' },
        attempts: { type: 'number', required: true, default: 0 },
        lastError: { type: 'string' },
        claimedUntil: { type: 'string' },
        /** True from a claim until its attempt is concluded (sent, failed or to retry). */
        attemptOpen: { type: 'boolean' },
        sesMessageId: { type: 'string' },
        createdAt: { type: 'string', required: true, readOnly: true },
        sentAt: { type: 'string' },
        expiresAt: { type: 'number' },
      },
      indexes: {
        byId: {
          pk: { field: 'pk', composite: ['messageId'] },
          sk: { field: 'sk', composite: [] },
        },
        byStatus: {
          index: 'gsi1',
          pk: { field: 'gsi1pk', composite: ['status'] },
          sk: { field: 'gsi1sk', composite: ['statusAt', 'messageId'] },
        },
      },
    },
    configuration,
  );

import { Entity, type EntityConfiguration } from 'electrodb';
import { OUTBOX_STATUSES } from '../../../mail/outbox.ts';
import { SERVICE } from './meeting.ts';

/**
 * What a message is about, for the email log: its meeting, else its circular (from its id),
 * else the message itself (a partition of one that nothing reads, so that messages about
 * nothing in particular do not all share one hot index partition).
 */
export function subjectOf(meetingId: string | undefined, messageId: string | undefined): string {
  if (meetingId) return `meeting:${meetingId}`;
  const circular = messageId ? /^circular\.([^.]+)\./.exec(messageId)?.[1] : undefined;
  return circular ? `circular:${circular}` : `message:${messageId ?? ''}`;
}

/** The registration a message is about, else the message itself (as for the subject). */
export function registrationKeyOf(
  meetingId: string | undefined,
  registrationId: string | undefined,
  messageId: string | undefined,
): string {
  return meetingId && registrationId ? `${meetingId}/${registrationId}` : `message:${messageId ?? ''}`;
}

/**
 * An email to send: written in the same transaction as the change it reports, then delivered
 * by the sender. `gsi1` lists messages by status, oldest first, for re-driving. The email log
 * reads the other indexes, newest first: `gsi2` by what a message is about (a meeting or a
 * circular), `gsi3` by address, `gsi4` by registration. Their keys come from attributes derived
 * when a message is written (`watch`), so every write, in a transaction or not, indexes it.
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
        /** Derived: `meeting:<id>` or `circular:<id>`, for the log by meeting or circular (see subjectOf). */
        subject: {
          type: 'string',
          readOnly: true,
          watch: ['meetingId', 'messageId'],
          set: (_, item) => subjectOf(item.meetingId, item.messageId),
        },
        /** Derived: the address in lower case, for the log by address. */
        address: {
          type: 'string',
          readOnly: true,
          watch: ['recipient'],
          set: (_, item) => (typeof item.recipient === 'string' ? item.recipient.trim().toLowerCase() : undefined),
        },
        /** Derived: `<meetingId>/<registrationId>`, for the log of one registration (see registrationKeyOf). */
        registrationKey: {
          type: 'string',
          readOnly: true,
          watch: ['meetingId', 'registrationId', 'messageId'],
          set: (_, item) => registrationKeyOf(item.meetingId, item.registrationId, item.messageId),
        },
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
        bySubject: {
          index: 'gsi2',
          pk: { field: 'gsi2pk', composite: ['subject'] },
          sk: { field: 'gsi2sk', composite: ['createdAt', 'messageId'] },
        },
        byAddress: {
          index: 'gsi3',
          pk: { field: 'gsi3pk', composite: ['address'] },
          sk: { field: 'gsi3sk', composite: ['createdAt', 'messageId'] },
        },
        byRegistration: {
          index: 'gsi4',
          pk: { field: 'gsi4pk', composite: ['registrationKey'] },
          sk: { field: 'gsi4sk', composite: ['createdAt', 'messageId'] },
        },
      },
    },
    configuration,
  );

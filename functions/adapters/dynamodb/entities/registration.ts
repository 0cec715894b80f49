import { Entity, type EntityConfiguration } from 'electrodb';
import { REGISTRATION_CATEGORIES, REGISTRATION_STATUSES } from '../../../registrations/registration.ts';
import { SERVICE } from './meeting.ts';

/**
 * A person's registration for a meeting. Kept in the meeting's partition; `gsi1` lists a
 * meeting's registrations by status in the order they reached it (the waiting list order).
 */
export const createRegistrationEntity = (configuration: EntityConfiguration) =>
  new Entity(
    {
      model: { entity: 'registration', version: '1', service: SERVICE },
      attributes: {
        meetingId: { type: 'string', required: true, readOnly: true },
        registrationId: { type: 'string', required: true, readOnly: true },
        email: { type: 'string', required: true },
        name: { type: 'string', required: true },
        organisation: { type: 'string', required: true },
        category: { type: REGISTRATION_CATEGORIES, required: true },
        country: { type: 'string', required: true },
        title: { type: 'string', required: true },
        language: { type: 'string', required: true },
        listConsent: { type: 'boolean', required: true },
        privacyConsentAt: { type: 'string', required: true },
        status: { type: REGISTRATION_STATUSES, required: true },
        statusAt: { type: 'string', required: true },
        holdsSeat: { type: 'boolean', required: true, default: false },
        rejectionReason: { type: 'string' },
        decidedBy: { type: 'string' },
        verifyTokenHash: { type: 'string' },
        verifyExpiresAt: { type: 'string' },
        manageToken: { type: 'string', required: true },
        emailUndeliverable: { type: 'boolean', default: false },
        createdAt: { type: 'string', required: true, readOnly: true },
        verifiedAt: { type: 'string' },
        version: { type: 'number', required: true, default: 1 },
        /** Epoch seconds: an unverified registration goes (DynamoDB TTL) when its link expires. */
        expiresAt: { type: 'number' },
      },
      indexes: {
        byId: {
          pk: { field: 'pk', composite: ['meetingId'] },
          sk: { field: 'sk', composite: ['registrationId'] },
        },
        byStatus: {
          index: 'gsi1',
          pk: { field: 'gsi1pk', composite: ['meetingId', 'status'] },
          sk: { field: 'gsi1sk', composite: ['statusAt', 'registrationId'] },
        },
      },
    },
    configuration,
  );

/**
 * One per (meeting, email address): written in the same transaction as the registration, so
 * the same address can never register twice for one meeting, however many submit at once.
 */
export const createRegistrationEmailEntity = (configuration: EntityConfiguration) =>
  new Entity(
    {
      model: { entity: 'registrationEmail', version: '1', service: SERVICE },
      attributes: {
        meetingId: { type: 'string', required: true, readOnly: true },
        email: { type: 'string', required: true, readOnly: true },
        registrationId: { type: 'string', required: true, readOnly: true },
        /** Epoch seconds: expires with its registration while that is unverified. */
        expiresAt: { type: 'number' },
      },
      indexes: {
        byEmail: {
          pk: { field: 'pk', composite: ['meetingId'] },
          sk: { field: 'sk', composite: ['email'] },
        },
      },
    },
    configuration,
  );

import { Entity, type EntityConfiguration } from 'electrodb';
import { SERVICE } from './meeting.ts';

/**
 * A governance request of any kind (functions/governance/kinds.ts). Its typed fields, voting
 * window and result are stored as JSON; `gsi1` lists every request, newest last.
 */
export const createGovernanceRequestEntity = (configuration: EntityConfiguration) =>
  new Entity(
    {
      model: { entity: 'governanceRequest', version: '1', service: SERVICE },
      attributes: {
        requestId: { type: 'string', required: true, readOnly: true },
        kind: { type: 'string', required: true, readOnly: true },
        state: { type: 'string', required: true },
        version: { type: 'number', required: true },
        requesterEmail: { type: 'string', required: true },
        requesterName: { type: 'string', required: true },
        /** The kind's fields, as JSON. */
        fields: { type: 'string', required: true },
        partnerId: { type: 'string' },
        groupId: { type: 'string' },
        /** `{closesAt, rule}` as JSON. */
        voting: { type: 'string' },
        /** While votes are taken: when they stop (checked by every ballot's transaction). */
        closesAt: { type: 'string' },
        /** The counted vote, as JSON. */
        result: { type: 'string' },
        /** The files the request carries (metadata; the files are in the documents bucket), as JSON. */
        attachments: { type: 'string' },
        createdAt: { type: 'string', required: true, readOnly: true },
        updatedAt: { type: 'string', required: true },
        /** A public request's email verification: the SHA-256 of the link's token, and when it expires. */
        verifyTokenHash: { type: 'string' },
        verifyExpiresAt: { type: 'string' },
        /** The language the requester wrote in (a public request's form), for the emails they get. */
        language: { type: 'string' },
        /** DynamoDB TTL (seconds): an unconfirmed public request is deleted; confirming it takes this away. */
        expiresAt: { type: 'number' },
      },
      indexes: {
        byId: { pk: { field: 'pk', composite: ['requestId'] }, sk: { field: 'sk', composite: [] } },
        all: {
          index: 'gsi1',
          pk: { field: 'gsi1pk', composite: [] },
          sk: { field: 'gsi1sk', composite: ['createdAt', 'requestId'] },
        },
      },
    },
    configuration,
  );

/** One line of a request's audit trail, in the request's partition. */
export const createGovernanceEventEntity = (configuration: EntityConfiguration) =>
  new Entity(
    {
      model: { entity: 'governanceEvent', version: '1', service: SERVICE },
      attributes: {
        requestId: { type: 'string', required: true, readOnly: true },
        eventId: { type: 'string', required: true, readOnly: true },
        at: { type: 'string', required: true },
        actorEmail: { type: 'string', required: true },
        actorRole: { type: 'string', required: true },
        action: { type: 'string', required: true },
        from: { type: 'string', required: true },
        to: { type: 'string', required: true },
        comment: { type: 'string' },
        /** DynamoDB TTL (seconds): the submission of an unconfirmed public request goes with it. */
        expiresAt: { type: 'number' },
      },
      indexes: {
        byRequest: { pk: { field: 'pk', composite: ['requestId'] }, sk: { field: 'sk', composite: ['eventId'] } },
      },
    },
    configuration,
  );

/** A partner's ballot on a request: one item per (request, partner), replaced when the vote changes. */
export const createGovernanceBallotEntity = (configuration: EntityConfiguration) =>
  new Entity(
    {
      model: { entity: 'governanceBallot', version: '1', service: SERVICE },
      attributes: {
        requestId: { type: 'string', required: true, readOnly: true },
        partnerId: { type: 'string', required: true, readOnly: true },
        choice: { type: ['for', 'against', 'abstain'] as const, required: true },
        comment: { type: 'string' },
        voterEmail: { type: 'string', required: true },
        votedAt: { type: 'string', required: true },
      },
      indexes: {
        byRequest: { pk: { field: 'pk', composite: ['requestId'] }, sk: { field: 'sk', composite: ['partnerId'] } },
      },
    },
    configuration,
  );

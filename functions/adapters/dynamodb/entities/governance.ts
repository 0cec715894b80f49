import { Entity, type EntityConfiguration } from 'electrodb';
import { OFFICE_ROLES } from '../../../governance/records.ts';
import { SERVICE } from './meeting.ts';

/** An office with a term (Chair, Vice-Chair, thematic group leader, IP lead). */
export const createOfficeEntity = (configuration: EntityConfiguration) =>
  new Entity(
    {
      model: { entity: 'office', version: '1', service: SERVICE },
      attributes: {
        officeId: { type: 'string', required: true, readOnly: true },
        role: { type: OFFICE_ROLES, required: true },
        title: { type: 'string', required: true },
        holderName: { type: 'string', required: true },
        holderEmail: { type: 'string', required: true },
        termStart: { type: 'string', required: true },
        termEnd: { type: 'string', required: true },
      },
      indexes: {
        byId: { pk: { field: 'pk', composite: ['officeId'] }, sk: { field: 'sk', composite: [] } },
        all: {
          index: 'gsi1',
          pk: { field: 'gsi1pk', composite: [] },
          sk: { field: 'gsi1sk', composite: ['officeId'] },
        },
      },
    },
    configuration,
  );

/** A quarterly e-meeting of the IP lead with the secretariat (Annex I §5). */
export const createIpLeadMeetingEntity = (configuration: EntityConfiguration) =>
  new Entity(
    {
      model: { entity: 'ipLeadMeeting', version: '1', service: SERVICE },
      attributes: {
        quarter: { type: 'string', required: true, readOnly: true },
        heldOn: { type: 'string', required: true },
      },
      indexes: {
        byQuarter: { pk: { field: 'pk', composite: ['quarter'] }, sk: { field: 'sk', composite: [] } },
        all: { index: 'gsi1', pk: { field: 'gsi1pk', composite: [] }, sk: { field: 'gsi1sk', composite: ['quarter'] } },
      },
    },
    configuration,
  );

/** A U4SSC hub (ToR §30). */
export const createHubEntity = (configuration: EntityConfiguration) =>
  new Entity(
    {
      model: { entity: 'hub', version: '1', service: SERVICE },
      attributes: {
        hubId: { type: 'string', required: true, readOnly: true },
        name: { type: 'string', required: true },
        contactName: { type: 'string', required: true },
        contactEmail: { type: 'string', required: true },
        active: { type: 'boolean', required: true, default: true },
        lastReportYear: { type: 'number' },
        memberEmails: { type: 'list', items: { type: 'string' } },
        partnerName: { type: 'string' },
        partnerEmail: { type: 'string' },
        city: { type: 'string' },
        country: { type: 'string' },
      },
      indexes: {
        byId: { pk: { field: 'pk', composite: ['hubId'] }, sk: { field: 'sk', composite: [] } },
        all: { index: 'gsi1', pk: { field: 'gsi1pk', composite: [] }, sk: { field: 'gsi1sk', composite: ['hubId'] } },
      },
    },
    configuration,
  );

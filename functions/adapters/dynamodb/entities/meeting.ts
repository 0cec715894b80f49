import { Entity, type EntityConfiguration } from 'electrodb';

export const SERVICE = 'u4ssc';

/** A U4SSC meeting (Circular 352 §1–6). Times are instants in UTC plus the zone they are announced in. */
export const createMeetingEntity = (configuration: EntityConfiguration) =>
  new Entity(
    {
      model: { entity: 'meeting', version: '1', service: SERVICE },
      attributes: {
        meetingId: { type: 'string', required: true, readOnly: true },
        number: { type: 'number', required: true },
        title: { type: 'string', required: true },
        organisers: { type: 'list', items: { type: 'string' }, required: true },
        format: { type: ['virtual', 'in-person', 'hybrid'] as const, required: true },
        startsAt: { type: 'string', required: true },
        endsAt: { type: 'string', required: true },
        timeZone: { type: 'string', required: true, default: 'Europe/Zurich' },
        languages: { type: 'list', items: { type: 'string' }, required: true },
        objectives: { type: 'list', items: { type: 'string' }, required: true },
        eventUrl: { type: 'string' },
        announcedBy: { type: 'string' },
        createdAt: { type: 'string', required: true, readOnly: true, default: () => new Date().toISOString() },
        updatedAt: { type: 'string', watch: '*', set: () => new Date().toISOString() },
        version: { type: 'number', required: true, default: 1 },
      },
      indexes: {
        byId: {
          pk: { field: 'pk', composite: ['meetingId'] },
          sk: { field: 'sk', composite: [] },
        },
        byStart: {
          index: 'gsi1',
          pk: { field: 'gsi1pk', composite: [] },
          sk: { field: 'gsi1sk', composite: ['startsAt', 'meetingId'] },
        },
      },
    },
    configuration,
  );

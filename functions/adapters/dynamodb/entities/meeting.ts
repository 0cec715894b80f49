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
        /** How to join (link, room, dial-in): shown only to approved registrants. */
        joiningDetails: { type: 'string' },
        registrationOpensAt: { type: 'string' },
        registrationClosesAt: { type: 'string' },
        /** Seats; absent means unlimited. */
        capacity: { type: 'number' },
        requiresApproval: { type: 'boolean', required: true, default: false },
        /** Registrations holding a seat (approved, or approved and back in review). */
        seatsTaken: { type: 'number', required: true, default: 0 },
        /** iCalendar SEQUENCE of the meeting's entries; raised by each change registrants must see. */
        calendarSequence: { type: 'number', required: true, default: 0 },
        /** The sequence every approved registrant has been told about. */
        notifiedSequence: { type: 'number', required: true, default: 0 },
        /** Days after the end when registrants' personal data is deleted. */
        retentionDays: { type: 'number', required: true, default: 180 },
        personalDataDeletedAt: { type: 'string' },
        reminderOffsetsDays: { type: 'list', items: { type: 'number' } },
        /** Title, objectives and joining details in languages other than English, per language. */
        translations: { type: 'any' },
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

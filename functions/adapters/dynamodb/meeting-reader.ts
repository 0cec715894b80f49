/** Reads meetings: what the public pages need, and nothing that writes. */
import type { EntityItem } from 'electrodb';
import type { Meeting, MeetingRepository } from '../../meetings/meeting.ts';
import { type Permission, tableAccess } from '../permissions.ts';
import type { Store } from './store.ts';

export type MeetingItem = EntityItem<Store['entities']['meeting']>;

export function toMeeting(item: MeetingItem): Meeting {
  return {
    meetingId: item.meetingId,
    number: item.number,
    title: item.title,
    organisers: item.organisers,
    format: item.format,
    startsAt: item.startsAt,
    endsAt: item.endsAt,
    timeZone: item.timeZone,
    languages: item.languages,
    objectives: item.objectives,
    eventUrl: item.eventUrl,
    announcedBy: item.announcedBy,
    joiningDetails: item.joiningDetails,
    registrationOpensAt: item.registrationOpensAt,
    registrationClosesAt: item.registrationClosesAt,
    capacity: item.capacity,
    requiresApproval: item.requiresApproval,
    seatsTaken: item.seatsTaken,
    calendarSequence: item.calendarSequence,
    notifiedSequence: item.notifiedSequence,
    retentionDays: item.retentionDays,
    personalDataDeletedAt: item.personalDataDeletedAt,
    reminderOffsetsDays: item.reminderOffsetsDays,
    translations: (item.translations ?? undefined) as Meeting['translations'],
    version: item.version,
  };
}

export const PERMISSIONS: readonly Permission[] = /* @__PURE__ */ tableAccess('dynamodb:GetItem', 'dynamodb:Query');

export function meetingReader(store: Store) {
  const { meeting } = store.entities;
  return {
    async getMeeting(meetingId) {
      const { data } = await meeting.get({ meetingId }).go();
      return data ? toMeeting(data) : undefined;
    },

    async listMeetings(options = {}) {
      const query = meeting.query.byStart({});
      const { data } = await (options.from ? query.gte({ startsAt: options.from }) : query).go({
        pages: 'all',
        ...(options.limit ? { limit: options.limit } : {}),
      });
      return data.map(toMeeting);
    },
  } satisfies MeetingRepository & Record<string, unknown>;
}

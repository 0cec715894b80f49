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

/**
 * Meetings read lately in this container, for reads that may be a few seconds stale. Changes
 * made through this container's meeting repository drop its copy at once; other containers see
 * them when their copy is older than the reader allows.
 */
let recent: Record<string, { readAt: number; meeting: Promise<Meeting | undefined> }> = {};
let recentCount = 0;

export function forgetMeeting(meetingId: string): void {
  delete recent[meetingId];
}

/**
 * The meeting as read within `maxAgeMs` in this container, or read now: calls that come while
 * it is being read share that read (an unknown meeting, or a failed read, is not kept).
 */
export function recentMeeting(store: Store, meetingId: string, maxAgeMs: number): Promise<Meeting | undefined> {
  const kept = recent[meetingId];
  const now = Date.now();
  if (kept && now - kept.readAt <= maxAgeMs) return kept.meeting;
  const meeting = meetingReader(store).getMeeting(meetingId);
  if (++recentCount > 1000) {
    recent = {};
    recentCount = 1;
  }
  const entry = { readAt: now, meeting };
  recent[meetingId] = entry;
  const drop = () => {
    if (recent[meetingId] === entry) delete recent[meetingId];
  };
  meeting.then((found) => found || drop(), drop);
  return meeting;
}

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

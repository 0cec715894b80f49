import type { EntityItem } from 'electrodb';
import type { Meeting, MeetingRepository, NewMeeting } from '../../meetings/meeting.ts';
import { isConditionFailure, withVersionCheck } from './conditions.ts';
import type { Store } from './store.ts';

type MeetingItem = EntityItem<Store['entities']['meeting']>;

function toMeeting(item: MeetingItem): Meeting {
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
    version: item.version,
  };
}

export function meetingRepository(store: Store) {
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

    /** Creates the meeting unless one with the same id exists; answers whether it was created. */
    async createMeetingIfAbsent(input: NewMeeting): Promise<boolean> {
      try {
        await meeting.create({ ...input, version: 1 }).go();
        return true;
      } catch (error) {
        if (isConditionFailure(error)) return false;
        throw error;
      }
    },

    /** Changes a meeting if it is still at `expectedVersion`; 409 otherwise. */
    async updateMeeting(
      meetingId: string,
      expectedVersion: number,
      changes: Partial<Omit<NewMeeting, 'meetingId'>>,
    ): Promise<Meeting> {
      return withVersionCheck(`Meeting ${meetingId}`, expectedVersion, async () => {
        const { data } = await meeting
          .patch({ meetingId })
          .set(changes)
          .add({ version: 1 })
          .where((attr, op) => op.eq(attr.version, expectedVersion))
          .go({ response: 'all_new' });
        return toMeeting(data as MeetingItem);
      });
    },
  } satisfies MeetingRepository & Record<string, unknown>;
}

import { SeatsHeldError } from '../../errors.ts';
import type { Meeting, MeetingRepository, NewMeeting } from '../../meetings/meeting.ts';
import { type Permission, tableAccess } from '../permissions.ts';
import { isConditionFailure, withVersionCheck } from './conditions.ts';
import { forgetMeeting, type MeetingItem, meetingReader, toMeeting } from './meeting-reader.ts';
import type { Store } from './store.ts';

/** Meetings for the secretariat: reads (meeting-reader.ts) plus creating and changing. */
export const PERMISSIONS: readonly Permission[] = /* @__PURE__ */ tableAccess(
  'dynamodb:PutItem',
  'dynamodb:UpdateItem',
);

export function meetingRepository(store: Store) {
  const { meeting } = store.entities;
  return {
    ...meetingReader(store),

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

    /**
     * Changes a meeting if it is still at `expectedVersion`; 409 otherwise. A new capacity is
     * written only while it holds the seats taken as stored (seats are taken without changing
     * the version, so the version alone cannot see them); else a 409 says how many hold one.
     */
    async updateMeeting(
      meetingId: string,
      expectedVersion: number,
      changes: Partial<Omit<NewMeeting, 'meetingId'>>,
    ): Promise<Meeting> {
      const capacity = changes.capacity;
      forgetMeeting(meetingId);
      try {
        const { data } = await meeting
          .patch({ meetingId })
          .set(changes)
          .add({ version: 1 })
          .where((attr, op) =>
            capacity === undefined
              ? op.eq(attr.version, expectedVersion)
              : `${op.eq(attr.version, expectedVersion)} AND ${op.lte(attr.seatsTaken, capacity)}`,
          )
          .go({ response: 'all_new' });
        forgetMeeting(meetingId);
        return toMeeting(data as MeetingItem);
      } catch (error) {
        if (!isConditionFailure(error)) throw error;
        const now = await meetingReader(store).getMeeting(meetingId);
        if (capacity !== undefined && now && now.version === expectedVersion && now.seatsTaken > capacity) {
          throw new SeatsHeldError(now.seatsTaken, capacity);
        }
        return withVersionCheck(`Meeting ${meetingId}`, expectedVersion, () => Promise.reject(error));
      }
    },
  } satisfies MeetingRepository & Record<string, unknown>;
}

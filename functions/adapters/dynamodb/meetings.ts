import type { Meeting, MeetingRepository, NewMeeting } from '../../meetings/meeting.ts';
import { type Permission, tableAccess } from '../permissions.ts';
import { isConditionFailure, withVersionCheck } from './conditions.ts';
import { type MeetingItem, meetingReader, toMeeting } from './meeting-reader.ts';
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

import { NotFoundError } from '../errors.ts';
import type { Meeting, MeetingRepository } from './meeting.ts';

export * from './meeting.ts';

export interface MeetingsDeps {
  meetings: MeetingRepository;
  now: () => Date;
}

export interface MeetingOverview {
  upcoming: Meeting[];
  past: Meeting[];
}

export async function getMeeting(deps: MeetingsDeps, meetingId: string): Promise<Meeting> {
  const meeting = await deps.meetings.getMeeting(meetingId);
  if (!meeting) throw new NotFoundError(`No meeting has the id "${meetingId}".`);
  return meeting;
}

export function listMeetings(deps: MeetingsDeps): Promise<Meeting[]> {
  return deps.meetings.listMeetings();
}

/** Meetings not yet ended (soonest first) and past ones (latest first). */
export async function getMeetingOverview(deps: MeetingsDeps): Promise<MeetingOverview> {
  const now = deps.now().toISOString();
  const all = await deps.meetings.listMeetings();
  return {
    upcoming: all.filter((m) => m.endsAt >= now),
    past: all.filter((m) => m.endsAt < now).reverse(),
  };
}

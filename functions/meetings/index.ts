import { NotFoundError } from '../errors.ts';
import { type Meeting, type MeetingRepository, type PublicMeeting, publicMeeting } from './meeting.ts';

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

/** Every meeting, soonest first, as the public may see it. */
export async function listMeetings(deps: MeetingsDeps): Promise<PublicMeeting[]> {
  return (await deps.meetings.listMeetings()).map(publicMeeting);
}

export async function getPublicMeeting(deps: MeetingsDeps, meetingId: string): Promise<PublicMeeting> {
  return publicMeeting(await getMeeting(deps, meetingId));
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

/** Every meeting with all its fields, for the secretariat. */
export function listAllMeetings(deps: MeetingsDeps): Promise<Meeting[]> {
  return deps.meetings.listMeetings();
}

export const MEETING_FORMATS = ['virtual', 'in-person', 'hybrid'] as const;
export type MeetingFormat = (typeof MEETING_FORMATS)[number];

/** A U4SSC meeting as announced by a circular (Circ. 352 §1–6). */
export interface Meeting {
  meetingId: string;
  number: number;
  title: string;
  organisers: string[];
  format: MeetingFormat;
  /** Start and end instants, ISO 8601 in UTC. */
  startsAt: string;
  endsAt: string;
  /** The IANA zone the meeting is announced in (Geneva: Europe/Zurich). */
  timeZone: string;
  languages: string[];
  objectives: string[];
  eventUrl?: string | undefined;
  /** The circular that announced it, e.g. "TSB Circular 352". */
  announcedBy?: string | undefined;
  version: number;
}

export type NewMeeting = Omit<Meeting, 'version'>;

/** What the meetings capability needs from storage. */
export interface MeetingRepository {
  getMeeting(meetingId: string): Promise<Meeting | undefined>;
  /** Meetings starting at or after `from` (all when omitted), soonest first. */
  listMeetings(options?: { from?: string; limit?: number }): Promise<Meeting[]>;
}

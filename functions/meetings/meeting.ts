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
  /** How to join (link, room, dial-in): shown only to approved registrants. */
  joiningDetails?: string | undefined;
  registrationOpensAt?: string | undefined;
  registrationClosesAt?: string | undefined;
  /** Seats; undefined means unlimited. */
  capacity?: number | undefined;
  requiresApproval: boolean;
  /** Registrations holding a seat. */
  seatsTaken: number;
  /** iCalendar SEQUENCE of the meeting's calendar entries, raised by each change registrants must see. */
  calendarSequence: number;
  /** The sequence every approved registrant has been told about. */
  notifiedSequence: number;
  /** Days after the end when registrants' personal data is deleted (default 180). */
  retentionDays: number;
  personalDataDeletedAt?: string | undefined;
  /** Days before the start when approved registrants are reminded (default 7 and 1). */
  reminderOffsetsDays?: number[] | undefined;
  version: number;
}

/** What a meeting is created from; the counters start at zero. */
export type NewMeeting = Omit<
  Meeting,
  'version' | 'seatsTaken' | 'calendarSequence' | 'notifiedSequence' | 'requiresApproval' | 'retentionDays'
> &
  Partial<Pick<Meeting, 'requiresApproval' | 'retentionDays'>>;

/** A meeting as the public sees it: joining details are for approved registrants only. */
export type PublicMeeting = Omit<Meeting, 'joiningDetails' | 'notifiedSequence' | 'personalDataDeletedAt'>;

export function publicMeeting(meeting: Meeting): PublicMeeting {
  const { joiningDetails: _joining, notifiedSequence: _notified, personalDataDeletedAt: _deleted, ...rest } = meeting;
  return rest;
}

/** What the meetings capability needs from storage. */
export interface MeetingRepository {
  getMeeting(meetingId: string): Promise<Meeting | undefined>;
  /** Meetings starting at or after `from` (all when omitted), soonest first. */
  listMeetings(options?: { from?: string; limit?: number }): Promise<Meeting[]>;
}

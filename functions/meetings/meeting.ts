import type { Lang } from '../i18n/languages.ts';

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
  /**
   * The meeting's words in other languages: `title`, `objectives` and `joiningDetails` above are
   * English; a language without its own text falls back to English, marked as such.
   */
  translations?: MeetingTranslations | undefined;
  version: number;
}

/** The fields of a meeting that are words, written once per language. */
export const MEETING_TEXT_FIELDS = ['title', 'objectives', 'joiningDetails'] as const;
export type MeetingTextField = (typeof MEETING_TEXT_FIELDS)[number];
export interface MeetingTextFields {
  title?: string | undefined;
  objectives?: string[] | undefined;
  joiningDetails?: string | undefined;
}
export type MeetingTranslations = Partial<Record<Lang, MeetingTextFields>>;

/** The language the meeting's own `title`, `objectives` and `joiningDetails` are written in. */
export const MEETING_BASE_LANGUAGE: Lang = 'en';

/**
 * A meeting's words in one language, and which of them fall back to English because nobody has
 * written them in that language yet (empty when the language is English or fully written).
 */
export function meetingText(
  meeting: Pick<Meeting, 'title' | 'objectives' | 'joiningDetails' | 'translations'>,
  lang: Lang,
): Required<Pick<MeetingTextFields, 'title' | 'objectives'>> & {
  joiningDetails?: string | undefined;
  fallback: MeetingTextField[];
} {
  const own = lang === MEETING_BASE_LANGUAGE ? undefined : meeting.translations?.[lang];
  const fallback: MeetingTextField[] = [];
  const pick = <K extends MeetingTextField>(field: K, base: MeetingTextFields[K]): MeetingTextFields[K] => {
    const value = own?.[field];
    const empty = value === undefined || value === '' || (Array.isArray(value) && value.length === 0);
    const baseEmpty = base === undefined || base === '' || (Array.isArray(base) && base.length === 0);
    if (!empty) return value;
    if (lang !== MEETING_BASE_LANGUAGE && !baseEmpty) fallback.push(field);
    return base;
  };
  return {
    title: pick('title', meeting.title) ?? meeting.title,
    objectives: pick('objectives', meeting.objectives) ?? [],
    joiningDetails: pick('joiningDetails', meeting.joiningDetails),
    fallback,
  };
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
  const {
    joiningDetails: _joining,
    notifiedSequence: _notified,
    personalDataDeletedAt: _deleted,
    translations,
    ...rest
  } = meeting;
  if (!translations) return rest;
  // Joining details are for approved registrants only, in every language.
  const publicTranslations: MeetingTranslations = {};
  for (const [lang, { joiningDetails: _j, ...words }] of Object.entries(translations) as [Lang, MeetingTextFields][])
    publicTranslations[lang] = words;
  return { ...rest, translations: publicTranslations };
}

/** What the meetings capability needs from storage. */
export interface MeetingRepository {
  getMeeting(meetingId: string): Promise<Meeting | undefined>;
  /** Meetings starting at or after `from` (all when omitted), soonest first. */
  listMeetings(options?: { from?: string; limit?: number }): Promise<Meeting[]>;
}

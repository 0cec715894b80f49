import { CALENDAR_YEARS_MESSAGE, withinCalendarYears } from '../calendar/range.ts';
import { isTimeZone } from '../calendar/wall-clock.ts';
import { SeatsHeldError, ValidationError } from '../errors.ts';
import { LANGUAGES } from '../i18n/languages.ts';
import { fieldErrors } from '../validation/input.ts';
import { isSafeLine, isSafeText } from '../validation/text.ts';
import * as z from '../validation/zod.ts';
import { MEETING_FORMATS, type Meeting, type MeetingTranslations, type NewMeeting } from './meeting.ts';

/**
 * The secretariat creates and edits meetings. A change to the time, the format or the joining
 * details raises the meeting's calendar sequence; every approved registrant is then sent the
 * updated calendar entry (same UID, higher SEQUENCE).
 */
export interface MeetingAdminStore {
  getMeeting(meetingId: string): Promise<Meeting | undefined>;
  createMeetingIfAbsent(meeting: NewMeeting): Promise<boolean>;
  updateMeeting(meetingId: string, expectedVersion: number, changes: Partial<Meeting>): Promise<Meeting>;
}

export interface MeetingAdminDeps {
  meetings: MeetingAdminStore;
  /** Tells approved registrants of a change; safe to call again (each message is written once). */
  notifyMeetingChange: (meetingId: string) => Promise<unknown>;
  /** Gives new seats to the waiting list. */
  fillFreeSeats: (meetingId: string) => Promise<unknown>;
}

// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;
const line = (max: number) =>
  z
    .string()
    .check(
      z.trim(),
      z.minLength(1, { error: 'This field is required.' }),
      z.maxLength(max, { error: `Use at most ${max} characters.` }),
      z.refine(isSafeLine, { error: 'Remove line breaks, control characters and text-direction overrides.' }),
    );
const instant = z.iso
  .datetime({ offset: true, error: 'Give an ISO 8601 date and time with a zone, e.g. 2026-12-07T10:00:00+01:00.' })
  .check(z.refine(withinCalendarYears, { error: CALENDAR_YEARS_MESSAGE }));
const zone = z.string().check(z.refine(isTimeZone, { error: 'Give an IANA time zone, e.g. Europe/Zurich (Geneva).' }));

const meetingFields = {
  number: z.number({ error: 'Give the meeting number.' }).check(z.int(), z.positive()),
  title: line(300),
  organisers: z.array(line(100)).check(z.minLength(1, { error: 'Name at least one organiser.' }), z.maxLength(20)),
  format: z.enum(MEETING_FORMATS, { error: 'Use virtual, in-person or hybrid.' }),
  startsAt: instant,
  endsAt: instant,
  timeZone: z._default(zone, 'Europe/Zurich'),
  languages: z
    .array(z.enum(LANGUAGES, { error: 'Use ar, en, es, fr, ru or zh.' }))
    .check(z.minLength(1), z.maxLength(6)),
  objectives: z._default(z.array(line(500)).check(z.maxLength(30)), []),
  eventUrl: z.optional(z.url({ protocol: /^https?$/, error: 'Give an http(s) address.' }).check(z.maxLength(2000))),
  announcedBy: z.optional(line(100)),
  joiningDetails: z.optional(
    z.string().check(
      z.maxLength(4000, { error: 'Use at most 4000 characters.' }),
      z.refine((v) => !CONTROL.test(v), { error: 'Remove control characters.' }),
    ),
  ),
  registrationOpensAt: z.optional(instant),
  registrationClosesAt: z.optional(instant),
  capacity: z.optional(
    z
      .number()
      .check(z.int(), z.gte(1, { error: 'Give at least 1 seat, or leave it out for no limit.' }), z.lte(100_000)),
  ),
  requiresApproval: z._default(z.boolean(), false),
  retentionDays: z._default(z.number().check(z.int(), z.gte(1), z.lte(3650)), 180),
  reminderOffsetsDays: z.optional(z.array(z.number().check(z.int(), z.gte(0), z.lte(60))).check(z.maxLength(5))),
  translations: z.optional(
    z.partialRecord(
      z.enum(LANGUAGES, { error: 'Use ar, en, es, fr, ru or zh.' }),
      // An empty value means "not written in this language yet": English is used, marked as such.
      z.strictObject({
        title: z.optional(
          z
            .string()
            .check(
              z.trim(),
              z.maxLength(300, { error: 'Use at most 300 characters.' }),
              z.refine(isSafeLine, { error: 'Remove line breaks, control characters and text-direction overrides.' }),
            ),
        ),
        objectives: z.optional(z.array(line(500)).check(z.maxLength(30))),
        joiningDetails: z.optional(
          z
            .string()
            .check(
              z.maxLength(4000, { error: 'Use at most 4000 characters.' }),
              z.refine(isSafeText, { error: 'Remove control characters and text-direction overrides.' }),
            ),
        ),
      }),
    ),
  ),
};

export const createSchema = z.strictObject({
  meetingId: z.optional(
    z.string().check(
      z.regex(/^[a-z0-9][a-z0-9-]{1,62}$/, { error: 'Use 2 to 63 lower-case letters, digits and hyphens.' }),
      z.refine((id) => id !== 'new', { error: '"new" is reserved.' }),
    ),
  ),
  ...meetingFields,
});

/** A change names only the fields it changes: no default fills a field that was not sent. */
export const updateSchema = z.strictObject({
  version: z.number({ error: 'Give the version you edited (optimistic locking).' }).check(z.int(), z.positive()),
  ...Object.fromEntries(
    Object.entries(meetingFields).map(([key, schema]) => [
      key,
      z.optional(schema instanceof z.ZodMiniDefault ? schema._zod.def.innerType : schema),
    ]),
  ),
});

type Times = Partial<Pick<Meeting, 'startsAt' | 'endsAt' | 'registrationOpensAt' | 'registrationClosesAt'>>;

/** Times that do not fit together; unreadable times are left to the schema's messages. */
function timeErrors(m: Times): Record<string, string> {
  const errors: Record<string, string> = {};
  const at = (value: unknown) => (typeof value === 'string' ? Date.parse(value) : Number.NaN);
  if (at(m.endsAt) <= at(m.startsAt)) errors.endsAt = 'The end must be after the start.';
  if (at(m.registrationClosesAt) <= at(m.registrationOpensAt))
    errors.registrationClosesAt = 'Registration must close after it opens.';
  return errors;
}

function checkTimes(m: Times) {
  const errors = timeErrors(m);
  if (Object.keys(errors).length) throw new ValidationError('The meeting times do not fit together.', errors);
}

const toUtc = (iso: string | undefined) => (iso === undefined ? undefined : new Date(iso).toISOString());

export async function createMeeting(deps: MeetingAdminDeps, input: unknown): Promise<Meeting> {
  const parsed = createSchema.safeParse(input ?? {});
  if (!parsed.success) {
    // Every problem at once: the schema's, and times that do not fit together.
    const errors = { ...timeErrors((input ?? {}) as Times), ...fieldErrors(parsed.error) };
    throw new ValidationError('The meeting is not complete.', errors);
  }
  const { meetingId, ...data } = parsed.data;
  const meeting: NewMeeting = {
    ...data,
    meetingId: meetingId ?? `u4ssc-${data.number}`,
    startsAt: new Date(data.startsAt).toISOString(),
    endsAt: new Date(data.endsAt).toISOString(),
    registrationOpensAt: toUtc(data.registrationOpensAt),
    registrationClosesAt: toUtc(data.registrationClosesAt),
  };
  checkTimes(meeting);
  if (!(await deps.meetings.createMeetingIfAbsent(meeting))) {
    throw new ValidationError('A meeting with this id exists already.', {
      meetingId: `"${meeting.meetingId}" is taken.`,
    });
  }
  const created = await deps.meetings.getMeeting(meeting.meetingId);
  if (!created) throw new Error(`Meeting ${meeting.meetingId} vanished after it was created`);
  return created;
}

function mergeTranslations(current: MeetingTranslations | undefined, sent: MeetingTranslations): MeetingTranslations {
  const merged: MeetingTranslations = { ...(current ?? {}) };
  for (const [lang, fields] of Object.entries(sent) as [keyof MeetingTranslations, MeetingTranslations['en']][])
    merged[lang] = { ...(merged[lang] ?? {}), ...fields };
  return merged;
}

/** Fields whose change registrants must hear about, with a new calendar entry. */
const CALENDAR_FIELDS = ['startsAt', 'endsAt', 'timeZone', 'format', 'joiningDetails'] as const;

export async function updateMeeting(deps: MeetingAdminDeps, meetingId: string, input: unknown): Promise<Meeting> {
  const parsed = updateSchema.safeParse(input ?? {});
  if (!parsed.success) throw new ValidationError('The change is not valid.', fieldErrors(parsed.error));
  const { version, ...raw } = parsed.data as { version: number } & Partial<Meeting>;
  const current = await deps.meetings.getMeeting(meetingId);
  if (!current) throw new ValidationError(`No meeting has the id "${meetingId}".`, { meetingId: 'Unknown meeting.' });
  const changes: Partial<Meeting> = Object.fromEntries(Object.entries(raw).filter(([, v]) => v !== undefined));
  // Translations change per language and field: what was not sent stays as it was.
  if (changes.translations) changes.translations = mergeTranslations(current.translations, changes.translations);
  for (const key of ['startsAt', 'endsAt', 'registrationOpensAt', 'registrationClosesAt'] as const) {
    if (changes[key]) changes[key] = toUtc(changes[key]);
  }
  checkTimes({ ...current, ...changes });
  if (changes.capacity !== undefined && changes.capacity < current.seatsTaken) {
    throw new SeatsHeldError(current.seatsTaken, changes.capacity);
  }
  const calendarChanged = CALENDAR_FIELDS.some((key) => key in changes && changes[key] !== current[key]);
  if (calendarChanged) changes.calendarSequence = current.calendarSequence + 1;
  const updated = await deps.meetings.updateMeeting(meetingId, version, changes);
  if (calendarChanged) await deps.notifyMeetingChange(meetingId);
  if (changes.capacity !== undefined && changes.capacity > (current.capacity ?? 0)) await deps.fillFreeSeats(meetingId);
  return updated;
}

import { meetingIcs } from '../calendar/ics.ts';
import { isLang } from '../i18n/languages.ts';
import type { Attachment } from '../mail/delivery.ts';
import type { AttachmentSpec } from '../mail/outbox.ts';
import { type Meeting, meetingText } from '../meetings/meeting.ts';
import { meetingSummary } from './notifications.ts';
import type { RegistrationStore } from './ports.ts';
import type { Registration } from './registration.ts';

/**
 * The registrant's calendar entry, made from the meeting as it is then: one UID per
 * registration, SEQUENCE = the meeting's calendar sequence, so each update replaces the entry in
 * the registrant's calendar. It is published (METHOD:PUBLISH, no attendee), not an invitation:
 * calendars add it without asking the registrant to answer the secretariat's mailbox. A
 * withdrawal or rejection sends METHOD:CANCEL for the same UID.
 */
export function calendarEntry(input: {
  meeting: Meeting;
  registration: Pick<Registration, 'registrationId' | 'language'>;
  cancel: boolean;
  organizerEmail: string;
  now: Date;
}): Attachment {
  const { meeting, registration, cancel } = input;
  const lang = isLang(registration.language) ? registration.language : 'en';
  const summary = meetingSummary(meeting, lang);
  const joining = meetingText(meeting, lang).joiningDetails;
  const details = [summary.when, summary.format, meeting.eventUrl, cancel ? undefined : joining]
    .filter(Boolean)
    .join('\n\n');
  const method = cancel ? 'CANCEL' : 'PUBLISH';
  const ics = meetingIcs({
    uid: `${meeting.meetingId}.${registration.registrationId}@u4ssc`,
    sequence: meeting.calendarSequence + (cancel ? 1 : 0),
    method,
    title: summary.title,
    description: details,
    startsAt: meeting.startsAt,
    endsAt: meeting.endsAt,
    timeZone: meeting.timeZone,
    ...(meeting.eventUrl ? { url: meeting.eventUrl } : {}),
    location: calendarLocation(joining, summary.format),
    organizer: { name: 'U4SSC secretariat', email: input.organizerEmail },
    stamp: input.now,
  });
  return {
    filename: cancel ? 'cancel.ics' : 'invite.ics',
    contentType: `text/calendar; charset=UTF-8; method=${method}`,
    content: Buffer.from(ics, 'utf8'),
  };
}

/**
 * Where the meeting is, as a calendar shows it: the joining link (virtual meetings) or the
 * first line of the joining details (a room), else the format ("Virtual").
 */
export function calendarLocation(joiningDetails: string | undefined, format: string): string {
  const text = joiningDetails ?? '';
  const url = /https?:\/\/[^\s<>"']+[^\s<>"'.,;:!?)]/.exec(text)?.[0];
  const firstLine = text
    .split('\n')
    .map((line) => line.trim())
    .find(Boolean);
  return url ?? firstLine ?? format;
}

/**
 * How old the meeting behind an email's calendar entry may be. The email's text was written
 * when the email was queued; a change of the meeting made since goes out as its own email
 * whose entry has a higher SEQUENCE, which calendars keep over an older one. Reading the
 * meeting once for a run of reminders, not once per email, saves a read per email.
 */
export const CALENDAR_MEETING_MAX_AGE_MS = 5_000;

/** The calendar entry attached to an email (`meeting-ics`; its REQUEST means "the entry"). */
export async function registrationCalendar(
  deps: {
    store: Pick<RegistrationStore, 'getRecentMeeting' | 'getRegistration'>;
    organizerEmail: string;
    now: () => Date;
  },
  spec: Extract<AttachmentSpec, { kind: 'meeting-ics' }>,
  /** What the email's claim established already of the registration (it exists; its language): no read. */
  checked?: Pick<Registration, 'registrationId' | 'language'>,
): Promise<Attachment | undefined> {
  const [meeting, registration] = await Promise.all([
    deps.store.getRecentMeeting(spec.meetingId, CALENDAR_MEETING_MAX_AGE_MS),
    checked ?? deps.store.getRegistration(spec.meetingId, spec.registrationId),
  ]);
  if (!meeting || !registration) return undefined;
  return calendarEntry({
    meeting,
    registration,
    cancel: spec.method === 'CANCEL',
    organizerEmail: deps.organizerEmail,
    now: deps.now(),
  });
}

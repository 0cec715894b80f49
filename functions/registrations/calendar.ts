import { meetingIcs } from '../calendar/ics.ts';
import { isLang } from '../i18n/languages.ts';
import type { Attachment } from '../mail/delivery.ts';
import type { AttachmentSpec } from '../mail/outbox.ts';
import { meetingSummary } from './notifications.ts';
import type { RegistrationStore } from './ports.ts';

/**
 * The registrant's calendar entry, made at send time from the meeting as it is then: one UID
 * per registration, SEQUENCE = the meeting's calendar sequence, so each update replaces the
 * entry in the registrant's calendar.
 */
export async function registrationCalendar(
  deps: { store: Pick<RegistrationStore, 'getMeeting' | 'getRegistration'>; organizerEmail: string; now: () => Date },
  spec: Extract<AttachmentSpec, { kind: 'meeting-ics' }>,
): Promise<Attachment | undefined> {
  const [meeting, registration] = await Promise.all([
    deps.store.getMeeting(spec.meetingId),
    deps.store.getRegistration(spec.meetingId, spec.registrationId),
  ]);
  if (!meeting || !registration) return undefined;
  const lang = isLang(registration.language) ? registration.language : 'en';
  const summary = meetingSummary(meeting, lang);
  const cancel = spec.method === 'CANCEL';
  const details = [summary.when, summary.format, meeting.eventUrl, cancel ? undefined : meeting.joiningDetails]
    .filter(Boolean)
    .join('\n\n');
  const ics = meetingIcs({
    uid: `${meeting.meetingId}.${registration.registrationId}@u4ssc`,
    sequence: meeting.calendarSequence + (cancel ? 1 : 0),
    method: spec.method,
    title: meeting.title,
    description: details,
    startsAt: meeting.startsAt,
    endsAt: meeting.endsAt,
    timeZone: meeting.timeZone,
    ...(meeting.eventUrl ? { url: meeting.eventUrl } : {}),
    ...(meeting.format === 'virtual' ? { location: summary.format } : {}),
    organizer: { name: 'U4SSC secretariat', email: deps.organizerEmail },
    attendee: { name: registration.name, email: registration.email },
    stamp: deps.now(),
  });
  return {
    filename: cancel ? 'cancel.ics' : 'invite.ics',
    contentType: `text/calendar; charset=UTF-8; method=${spec.method}`,
    content: Buffer.from(ics, 'utf8'),
  };
}

import { isLang, type Lang } from '../i18n/languages.ts';
import type { AttachmentSpec, NewOutboxMessage } from '../mail/outbox.ts';
import { type Meeting, meetingText } from '../meetings/meeting.ts';
import { describeWhen, formatName } from '../meetings/when.ts';
import type { Registration } from './registration.ts';

/**
 * One email per lifecycle event, to the registrant, in their language: the outbox message
 * that the operation writes in the same transaction as the change. Its id is derived from the
 * registration and the version the change produces, so a retried write can never queue it twice.
 */
export type RegistrantEvent =
  | 'verify-email'
  | 'already-registered'
  | 'registration-pending'
  | 'registration-approved'
  | 'registration-waitlisted'
  | 'registration-rejected'
  | 'registration-withdrawn'
  | 'meeting-changed';

export interface Links {
  base: string;
}

export const manageLink = (
  base: string,
  r: Pick<Registration, 'meetingId' | 'registrationId' | 'manageToken' | 'language'>,
) =>
  `${base}/meetings/${encodeURIComponent(r.meetingId)}/registrations/${encodeURIComponent(r.registrationId)}?token=${r.manageToken}&lang=${r.language}`;

export const verifyLink = (
  base: string,
  r: Pick<Registration, 'meetingId' | 'registrationId' | 'language'>,
  token: string,
) =>
  `${base}/meetings/${encodeURIComponent(r.meetingId)}/registrations/${encodeURIComponent(r.registrationId)}/verify?token=${token}&lang=${r.language}`;

export function meetingSummary(meeting: Meeting, lang: Lang) {
  return {
    title: meetingText(meeting, lang).title,
    when: describeWhen(meeting, lang),
    format: formatName(meeting.format, lang),
    eventUrl: meeting.eventUrl ?? null,
  };
}

export function registrantMessage(input: {
  event: RegistrantEvent;
  /** Makes the id unique per occurrence: the version the change produces, a sequence, an hour. */
  occurrence: string | number;
  registration: Registration;
  meeting: Meeting;
  base: string;
  verifyToken?: string;
  extra?: Record<string, unknown>;
  calendar?: 'REQUEST' | 'CANCEL';
  /** Attach the personal invitation (PDF). */
  invitation?: boolean;
}): NewOutboxMessage {
  const { event, registration: r, meeting, base } = input;
  const lang: Lang = isLang(r.language) ? r.language : 'en';
  const attachments: AttachmentSpec[] = [
    ...(input.calendar
      ? [
          {
            kind: 'meeting-ics' as const,
            meetingId: r.meetingId,
            registrationId: r.registrationId,
            method: input.calendar,
          },
        ]
      : []),
    ...(input.invitation
      ? [{ kind: 'invitation-pdf' as const, meetingId: r.meetingId, registrationId: r.registrationId }]
      : []),
  ];
  return {
    messageId: `${r.meetingId}.${r.registrationId}.${event}.${input.occurrence}`,
    recipient: r.email,
    language: lang,
    template: `${event}.to-registrant`,
    meetingId: r.meetingId,
    registrationId: r.registrationId,
    ...(attachments.length ? { attachments } : {}),
    data: {
      name: r.name,
      meeting: meetingSummary(meeting, lang),
      links: {
        manage: manageLink(base, r),
        ...(input.verifyToken ? { verify: verifyLink(base, r, input.verifyToken) } : {}),
      },
      ...input.extra,
      // Joining details in the registrant's language where the meeting has them.
      ...(input.extra && 'joiningDetails' in input.extra
        ? { joiningDetails: meetingText(meeting, lang).joiningDetails ?? null }
        : {}),
    },
  };
}

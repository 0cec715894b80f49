import { isLang, type Lang } from '../i18n/languages.ts';
import type { AttachmentSpec, LinkSpec, NewOutboxMessage } from '../mail/outbox.ts';
import { type Meeting, meetingText } from '../meetings/meeting.ts';
import { describeWhen, formatName } from '../meetings/when.ts';
import type { RegistrationStore } from './ports.ts';
import type { Registration } from './registration.ts';
import { hashToken, newToken } from './tokens.ts';

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
  /** Carry a verification link (made, with a fresh token, when the email is sent). */
  verify?: boolean;
  extra?: Record<string, unknown>;
  calendar?: 'REQUEST' | 'CANCEL';
  /** Attach the personal invitation (PDF). */
  invitation?: boolean;
}): NewOutboxMessage {
  const { event, registration: r, meeting } = input;
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
    // The links carry secrets: they are made when the email is sent (registrantLinks), not stored.
    links: { meetingId: r.meetingId, registrationId: r.registrationId, ...(input.verify ? { verify: true } : {}) },
    data: {
      name: r.name,
      meeting: meetingSummary(meeting, lang),
      ...input.extra,
      // Joining details in the registrant's language where the meeting has them.
      ...(input.extra && 'joiningDetails' in input.extra
        ? { joiningDetails: meetingText(meeting, lang).joiningDetails ?? null }
        : {}),
    },
  };
}

/**
 * The same links for an email carried whole to the sender, made without a read: the manage
 * token travels with the message. The email's claim (the same transaction) checks what the long
 * way's read would: a verification email's registration still awaits verification (and stores
 * the new token's hash), any other's still exists. Undefined without the manage token (the
 * email is then claimed the long way).
 */
export function carriedRegistrantLinks(
  base: string,
  spec: LinkSpec,
  carried: { manageToken?: string | undefined; language: string },
):
  | { links: Record<string, string>; registration: { meetingId: string; registrationId: string; hash?: string } }
  | undefined {
  if (!carried.manageToken) return undefined;
  const registration = {
    meetingId: spec.meetingId,
    registrationId: spec.registrationId,
    manageToken: carried.manageToken,
    language: carried.language,
  };
  const checked = { meetingId: spec.meetingId, registrationId: spec.registrationId };
  if (!spec.verify) return { links: { manage: manageLink(base, registration) }, registration: checked };
  const token = newToken();
  return {
    links: { manage: manageLink(base, registration), verify: verifyLink(base, registration, token) },
    registration: { ...checked, hash: hashToken(token) },
  };
}

/**
 * The secret links of a registrant's email, made as it is sent: the manage link from the
 * registration and, when asked, a verification link with a new single-use token (its SHA-256
 * replaces the registration's, so the latest email's link is the one that works). Undefined
 * when the email no longer has a purpose (the registration is gone, or confirmed already).
 */
export async function registrantLinks(
  deps: {
    store: Pick<RegistrationStore, 'getRegistration' | 'setVerifyTokenHash'>;
    base: string;
  },
  spec: LinkSpec,
): Promise<Record<string, string> | undefined> {
  if (spec.verify) {
    // One call: the conditional update answers the registration (gone or confirmed: no email).
    const token = newToken();
    const registration = await deps.store.setVerifyTokenHash(spec.meetingId, spec.registrationId, hashToken(token));
    if (!registration) return undefined;
    return { manage: manageLink(deps.base, registration), verify: verifyLink(deps.base, registration, token) };
  }
  const registration = await deps.store.getRegistration(spec.meetingId, spec.registrationId);
  return registration ? { manage: manageLink(deps.base, registration) } : undefined;
}

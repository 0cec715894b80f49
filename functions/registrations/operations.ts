import { ConflictError, DomainError, NotFoundError, ValidationError } from '../errors.ts';
import { log } from '../http/log.ts';
import type { Lang } from '../i18n/languages.ts';
import { translate } from '../i18n/messages.ts';
import type { NewOutboxMessage } from '../mail/outbox.ts';
import type { Meeting } from '../meetings/meeting.ts';
import { describeDate } from '../meetings/when.ts';
import { invitationDocument } from './invitation.ts';
import { registrantMessage } from './notifications.ts';
import type { RegistrationAuditEvent, RegistrationsDeps, SeatChange } from './ports.ts';
import type { Registration, RegistrationStatus } from './registration.ts';
import { parseDetailsUpdate, parseRegistration } from './schema.ts';
import { hashToken, newId, newToken, sameToken } from './tokens.ts';
import { isFull, registrationWindow } from './window.ts';

/**
 * Registration for a meeting, from the public form to the approved seat (Circular 352 §5–6).
 * Each operation validates, makes one atomic write (the registration, the seat count and the
 * emails that report the change), and only then hands the emails to the sender.
 */
export const VERIFY_LINK_HOURS = 48;
/** How often a change that lost a race is re-read and retried before giving up. */
const MAX_ATTEMPTS = 5;

export class InvalidLinkError extends DomainError {
  constructor(detail = 'This link is not valid: it has expired, has been used already, or is incomplete.') {
    super(410, 'Gone', detail);
  }
}

/** How stale the meeting a submission is checked against may be (read once per container and period). */
const MEETING_MAX_AGE_MS = 5_000;

async function meetingOrThrow(deps: RegistrationsDeps, meetingId: string): Promise<Meeting> {
  const meeting = await deps.store.getMeeting(meetingId);
  if (!meeting) throw new NotFoundError(`No meeting has the id "${meetingId}".`);
  return meeting;
}

async function registrationOrThrow(
  deps: RegistrationsDeps,
  meetingId: string,
  registrationId: string,
): Promise<Registration> {
  const registration = await deps.store.getRegistration(meetingId, registrationId);
  if (!registration) throw new NotFoundError(`Meeting ${meetingId} has no registration "${registrationId}".`);
  return registration;
}

function assertOpen(meeting: Meeting, now: Date, lang: Lang): void {
  const window = registrationWindow(meeting, now);
  if (window.state === 'not-open') {
    throw new DomainError(
      409,
      'Conflict',
      translate(lang, 'register.notOpen', { date: describeDate(window.opensAt, meeting.timeZone, lang) }),
      {
        code: 'registration-not-open',
      },
    );
  }
  if (window.state === 'closed') {
    throw new DomainError(
      409,
      'Conflict',
      translate(lang, 'register.closed', { date: describeDate(window.closedAt, meeting.timeZone, lang) }),
      {
        code: 'registration-closed',
      },
    );
  }
}

/** A verification link opened again after it confirmed the registration: not an error for the registrant. */
export class AlreadyConfirmedError extends DomainError {
  readonly registration: Registration;
  constructor(registration: Registration) {
    super(409, 'Conflict', 'This registration is confirmed already.');
    this.registration = registration;
  }
}

export interface SubmitResult {
  /** The same answer whether the address was new, registered already, or a bot's: no data leaks. */
  outcome: 'check-email';
  email: string;
}

/**
 * A registration from the public form or the JSON API. It starts unverified: the address gets a
 * single-use link. The same address twice never makes a second registration: the address gets
 * a fresh link (if it never confirmed) or a note on how to manage the registration it has.
 */
export async function submitRegistration(
  deps: RegistrationsDeps,
  meetingId: string,
  input: unknown,
  lang: Lang,
): Promise<SubmitResult> {
  const parsed = parseRegistration(input, lang);
  if (!parsed.ok) throw new ValidationError(translate(lang, 'register.errorSummary'), parsed.errors);
  const { website, privacyConsent: _consent, ...details } = parsed.value;
  if (website?.trim()) {
    log('warn', 'Registration honeypot filled; nothing stored', { meetingId });
    return { outcome: 'check-email', email: details.email };
  }
  // Read at most a few seconds ago in this container: the submission takes no seat (the
  // confirmation's transaction does), so a meeting changed that recently costs nothing here.
  const meeting = await deps.store.getRecentMeeting(meetingId, MEETING_MAX_AGE_MS);
  if (!meeting) throw new NotFoundError(`No meeting has the id "${meetingId}".`);
  const now = deps.now();
  assertOpen(meeting, now, lang);

  const at = now.toISOString();
  const registration: Registration = {
    ...details,
    meetingId,
    registrationId: newId(),
    status: 'unverified',
    statusAt: at,
    holdsSeat: false,
    privacyConsentAt: at,
    // The token is made when the email is sent, and only its hash is stored (registrantLinks).
    verifyExpiresAt: new Date(now.getTime() + VERIFY_LINK_HOURS * 3_600_000).toISOString(),
    manageToken: newToken(),
    createdAt: at,
    version: 1,
  };
  const message = registrantMessage({
    event: 'verify-email',
    occurrence: 1,
    registration,
    meeting,
    verify: true,
  });
  const result = await deps.store.createRegistration(registration, [message]);
  if (result.created) {
    // Carried whole, with the manage token for its link: the sender claims it without a read.
    await deps.mail.dispatch([{ ...message, manageToken: registration.manageToken }]);
  } else {
    await answerDuplicate(deps, meeting, result.existingId, now, details);
  }
  return { outcome: 'check-email', email: details.email };
}

async function answerDuplicate(
  deps: RegistrationsDeps,
  meeting: Meeting,
  registrationId: string,
  now: Date,
  details: Partial<Registration>,
): Promise<void> {
  const existing = await deps.store.getRegistration(meeting.meetingId, registrationId);
  if (!existing) return; // deleted meanwhile
  if (existing.status === 'withdrawn') {
    // Withdrawn, and registering again: the registration starts over with the details sent,
    // from a fresh confirmation of the address (the form's answer is the same as ever). The
    // link used before stops working at once; the new one is made as the email is sent.
    const at = now.toISOString();
    const changes: Partial<Registration> = {
      ...details,
      status: 'unverified',
      statusAt: at,
      privacyConsentAt: at,
      verifiedAt: undefined,
      verifyTokenHash: undefined,
      verifyExpiresAt: new Date(now.getTime() + VERIFY_LINK_HOURS * 3_600_000).toISOString(),
    };
    const message = registrantMessage({
      event: 'verify-email',
      occurrence: existing.version + 1,
      registration: { ...existing, ...changes },
      meeting,
      verify: true,
    });
    const result = await deps.store.transition({
      registration: existing,
      changes,
      seat: 'keep',
      meeting,
      messages: [message],
    });
    if (result === 'ok') await deps.mail.dispatch([message.messageId]);
    return;
  }
  if (existing.status === 'unverified') {
    // Never confirmed (perhaps the link expired): a fresh link, made when it is sent, replaces the old one.
    const message = registrantMessage({
      event: 'verify-email',
      occurrence: existing.version + 1,
      registration: existing,
      meeting,
      verify: true,
    });
    const result = await deps.store.transition({
      registration: existing,
      changes: {
        verifyExpiresAt: new Date(now.getTime() + VERIFY_LINK_HOURS * 3_600_000).toISOString(),
      },
      seat: 'keep',
      meeting,
      messages: [message],
    });
    if (result === 'ok') await deps.mail.dispatch([message.messageId]);
    return;
  }
  // At most one such note per registration and hour, however often the form is sent.
  const hour = now.toISOString().slice(0, 13);
  const message = registrantMessage({
    event: 'already-registered',
    occurrence: hour,
    registration: existing,
    meeting,
  });
  const queued = await deps.store.queueMessages([message]);
  await deps.mail.dispatch(queued);
}

/** The registrant's answer to the emailed link: pending, approved (a seat taken) or waitlisted. */
export async function verifyRegistration(
  deps: RegistrationsDeps,
  meetingId: string,
  registrationId: string,
  token: string,
): Promise<Registration> {
  const { registration, meeting } = await previewVerification(deps, meetingId, registrationId, token);
  const now = deps.now();
  // The used link's hash stays, so the same link opened again can say the registration is confirmed.
  const verified = { verifiedAt: now.toISOString(), verifyExpiresAt: undefined };
  const outcome = await admit(deps, meeting, registration, meeting.requiresApproval ? 'pending' : 'approved', verified);
  if (outcome === 'changed-meanwhile') throw new InvalidLinkError();
  return outcome;
}

/**
 * Moves a registration to `target` (pending, or approved with a seat); when no seat is left it
 * joins the waiting list instead — unless it is a promotion from that list, which then writes
 * nothing ('no-seat'). One atomic write; the email follows the status reached.
 */
async function admit(
  deps: RegistrationsDeps,
  meeting: Meeting,
  registration: Registration,
  target: 'pending' | 'approved',
  extraChanges?: Partial<Registration>,
  promoted?: false,
  decision?: Decision,
): Promise<Registration | 'changed-meanwhile'>;
async function admit(
  deps: RegistrationsDeps,
  meeting: Meeting,
  registration: Registration,
  target: 'approved',
  extraChanges: Partial<Registration>,
  promoted: true,
  decision?: Decision,
): Promise<Registration | 'changed-meanwhile' | 'no-seat'>;
async function admit(
  deps: RegistrationsDeps,
  meeting: Meeting,
  registration: Registration,
  target: 'pending' | 'approved',
  extraChanges: Partial<Registration> = {},
  promoted = false,
  decision?: Decision,
): Promise<Registration | 'changed-meanwhile' | 'no-seat'> {
  const at = deps.now().toISOString();
  const attempt = async (status: RegistrationStatus, seat: SeatChange) => {
    const version = registration.version + 1;
    const changes: Partial<Registration> = {
      ...extraChanges,
      status,
      statusAt: at,
      holdsSeat: status === 'approved' || registration.holdsSeat,
    };
    const updated = { ...registration, ...changes, version };
    const event =
      status === 'approved'
        ? 'registration-approved'
        : status === 'pending'
          ? 'registration-pending'
          : 'registration-waitlisted';
    const message = registrantMessage({
      event,
      occurrence: version,
      registration: updated,
      meeting,
      ...(status === 'approved'
        ? {
            calendar: 'REQUEST' as const,
            invitation: true,
            extra: { joiningDetails: meeting.joiningDetails ?? null, promoted },
          }
        : {}),
    });
    const audit = decision && {
      ...decision,
      at,
      version,
      from: registration.status,
      to: status,
    };
    const result = await deps.store.transition({ registration, changes, seat, meeting, messages: [message], audit });
    return { result, updated, messageId: message.messageId };
  };

  let outcome =
    target === 'pending'
      ? await attempt('pending', 'keep')
      : await attempt('approved', registration.holdsSeat ? 'keep' : 'take');
  if (outcome.result === 'seat-unavailable') {
    // A promotion that lost the seat to someone else writes nothing: the registrant keeps their
    // place (statusAt, the list's order, is set once, when they joined it) and gets no email.
    if (promoted) return 'no-seat';
    outcome = await attempt('waitlisted', 'keep');
  }
  if (outcome.result !== 'ok') return 'changed-meanwhile';
  await deps.mail.dispatch([outcome.messageId]);
  if (outcome.updated.status === 'waitlisted') await fillFreeSeats(deps, meeting.meetingId);
  return outcome.updated;
}

/** Re-reads and retries an operation that lost a race with another change to the same registration. */
async function withRetry<T>(what: string, run: () => Promise<T | 'changed-meanwhile'>): Promise<T> {
  for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
    const result = await run();
    if (result !== 'changed-meanwhile') return result;
  }
  throw new ConflictError(`${what} kept changing while we tried to update it; try again.`);
}

/** Who decided what, for the registration's audit trail. */
interface Decision {
  actor: string;
  action: RegistrationAuditEvent['action'];
  reason?: string | undefined;
}

/**
 * Secretariat: approve a registration waiting for approval (it joins the waiting list if the
 * meeting is full), approve again one that was rejected (same rule), or promote one from the
 * waiting list by hand (only while a seat is free: the seat is taken in the same transaction).
 */
export async function approveRegistration(
  deps: RegistrationsDeps,
  meetingId: string,
  registrationId: string,
  actor: string,
): Promise<Registration> {
  return withRetry(`Registration ${registrationId}`, async () => {
    const registration = await registrationOrThrow(deps, meetingId, registrationId);
    if (registration.status === 'approved') return registration;
    if (registration.status === 'rejected' && !registration.verifiedAt) {
      throw new ConflictError('It was rejected before its email address was confirmed, so it cannot be approved.', {
        registrationStatus: registration.status,
      });
    }
    if (
      registration.status !== 'pending' &&
      registration.status !== 'rejected' &&
      registration.status !== 'waitlisted'
    ) {
      throw new ConflictError(
        `Only a registration waiting for approval, rejected or on the waiting list can be approved; this one is ${registration.status}.`,
        {
          registrationStatus: registration.status,
        },
      );
    }
    const meeting = await meetingOrThrow(deps, meetingId);
    if (registration.status === 'waitlisted') {
      const outcome = await admit(deps, meeting, registration, 'approved', { decidedBy: actor }, true, {
        actor,
        action: 'promote',
      });
      if (outcome === 'no-seat') {
        throw new ConflictError(
          `No seat is free (${meeting.seatsTaken} of ${meeting.capacity} taken): it stays on the waiting list.`,
          { registrationStatus: registration.status },
        );
      }
      return outcome;
    }
    const action = registration.status === 'rejected' ? 're-approve' : 'approve';
    return admit(deps, meeting, registration, 'approved', { decidedBy: actor, rejectionReason: undefined }, false, {
      actor,
      action,
    });
  });
}

const REJECTABLE: RegistrationStatus[] = ['unverified', 'pending', 'approved', 'waitlisted'];

/** Secretariat: refuse a registration, with the reason the registrant will read. A seat it held goes to the waiting list. */
export async function rejectRegistration(
  deps: RegistrationsDeps,
  meetingId: string,
  registrationId: string,
  input: { reason?: unknown },
  actor: string,
): Promise<Registration> {
  const reason = typeof input.reason === 'string' ? input.reason.trim() : '';
  if (!reason)
    throw new ValidationError('Give the reason the registrant will read.', { reason: 'This field is required.' });
  if (reason.length > 1000)
    throw new ValidationError('The reason is too long.', { reason: 'Use at most 1000 characters.' });
  return withRetry(`Registration ${registrationId}`, async () => {
    const registration = await registrationOrThrow(deps, meetingId, registrationId);
    if (registration.status === 'rejected') return registration;
    if (!REJECTABLE.includes(registration.status)) {
      throw new ConflictError(`A ${registration.status} registration cannot be rejected.`, {
        registrationStatus: registration.status,
      });
    }
    const meeting = await meetingOrThrow(deps, meetingId);
    return leave(
      deps,
      meeting,
      registration,
      'rejected',
      { rejectionReason: reason, decidedBy: actor },
      { reason },
      { actor, action: 'reject', reason },
    );
  });
}

/** Ends a registration (rejected or withdrawn); a seat it held goes to the first on the waiting list. */
async function leave(
  deps: RegistrationsDeps,
  meeting: Meeting,
  registration: Registration,
  status: 'rejected' | 'withdrawn',
  extraChanges: Partial<Registration>,
  extraData: Record<string, unknown> = {},
  decision?: Decision,
): Promise<Registration | 'changed-meanwhile'> {
  const version = registration.version + 1;
  const changes: Partial<Registration> = {
    ...extraChanges,
    status,
    statusAt: deps.now().toISOString(),
    holdsSeat: false,
    verifyTokenHash: undefined,
    verifyExpiresAt: undefined,
  };
  const updated = { ...registration, ...changes, version };
  const wasApproved = registration.status === 'approved';
  const message = registrantMessage({
    event: status === 'rejected' ? 'registration-rejected' : 'registration-withdrawn',
    occurrence: version,
    registration: updated,
    meeting,
    extra: { ...extraData, cancelsCalendar: wasApproved },
    ...(wasApproved ? { calendar: 'CANCEL' as const } : {}),
  });
  const result = await deps.store.transition({
    registration,
    changes,
    seat: registration.holdsSeat ? 'release' : 'keep',
    meeting,
    messages: [message],
    audit: decision && {
      ...decision,
      at: changes.statusAt ?? deps.now().toISOString(),
      version,
      from: registration.status,
      to: status,
    },
  });
  if (result !== 'ok') return 'changed-meanwhile';
  await deps.mail.dispatch([message.messageId]);
  if (registration.holdsSeat) await fillFreeSeats(deps, meeting.meetingId);
  return updated;
}

/**
 * Gives free seats to the waiting list, first come first served. Safe to run at any time and
 * from several places at once: each promotion takes a seat only while one is free.
 */
export async function fillFreeSeats(deps: RegistrationsDeps, meetingId: string): Promise<number> {
  let promoted = 0;
  for (let round = 0; round < 1000; round++) {
    const meeting = await deps.store.getMeeting(meetingId);
    if (!meeting || isFull(meeting)) break;
    const [next] = await deps.store.listByStatus(meetingId, 'waitlisted', { limit: 1 });
    if (!next) break;
    const outcome = await admit(deps, meeting, next, 'approved', {}, true);
    if (outcome === 'changed-meanwhile') continue;
    if (outcome === 'no-seat' || outcome.status !== 'approved') break;
    promoted++;
  }
  return promoted;
}

/** A registration as its self-service link shows it. */
export async function openRegistration(
  deps: RegistrationsDeps,
  meetingId: string,
  registrationId: string,
  token: string,
) {
  const registration = await deps.store.getRegistration(meetingId, registrationId);
  if (!registration || !sameToken(token, registration.manageToken)) throw new InvalidLinkError();
  const meeting = await meetingOrThrow(deps, meetingId);
  let waitlistPosition: number | undefined;
  if (registration.status === 'waitlisted') waitlistPosition = (await deps.store.countAhead(registration)) + 1;
  return { registration, meeting, waitlistPosition };
}

/** The registrant withdraws; a seat they held goes to the waiting list. */
export async function withdrawRegistration(
  deps: RegistrationsDeps,
  meetingId: string,
  registrationId: string,
  token: string,
): Promise<Registration> {
  return withRetry(`Registration ${registrationId}`, async () => {
    const { registration, meeting } = await openRegistration(deps, meetingId, registrationId, token);
    if (registration.status === 'withdrawn' || registration.status === 'rejected') return registration;
    return leave(deps, meeting, registration, 'withdrawn', {});
  });
}

/**
 * The registrant changes their details. Where the meeting needs approval, an approved
 * registration goes back to the secretariat for review; it keeps its seat meanwhile.
 */
export async function updateRegistrationDetails(
  deps: RegistrationsDeps,
  meetingId: string,
  registrationId: string,
  token: string,
  input: unknown,
  lang: Lang,
): Promise<{ registration: Registration; remoderated: boolean }> {
  return withRetry(`Registration ${registrationId}`, async () => {
    const { registration, meeting } = await openRegistration(deps, meetingId, registrationId, token);
    if (registration.status === 'withdrawn' || registration.status === 'rejected') {
      throw new ConflictError(`A ${registration.status} registration cannot be changed.`);
    }
    const parsed = parseDetailsUpdate(input, lang, registration.email);
    if (!parsed.ok) throw new ValidationError(translate(lang, 'register.errorSummary'), parsed.errors);
    const remoderated = meeting.requiresApproval && registration.status === 'approved';
    const changes: Partial<Registration> = {
      ...parsed.value,
      ...(remoderated ? { status: 'pending', statusAt: deps.now().toISOString() } : {}),
    };
    const updated = { ...registration, ...changes, version: registration.version + 1 };
    const messages: NewOutboxMessage[] = remoderated
      ? [
          registrantMessage({
            event: 'registration-pending',
            occurrence: updated.version,
            registration: updated,
            meeting,
          }),
        ]
      : [];
    const result = await deps.store.transition({ registration, changes, seat: 'keep', meeting, messages });
    if (result !== 'ok') return 'changed-meanwhile';
    await deps.mail.dispatch(messages.map((m) => m.messageId));
    return { registration: updated, remoderated };
  });
}

/** Everything stored about the registrant, for their data request. */
export async function exportRegistrationData(
  deps: RegistrationsDeps,
  meetingId: string,
  registrationId: string,
  token: string,
) {
  const { registration, meeting } = await openRegistration(deps, meetingId, registrationId, token);
  const {
    verifyTokenHash: _v,
    verifyExpiresAt: _e,
    manageToken: _m,
    holdsSeat: _h,
    version: _version,
    ...data
  } = registration;
  return {
    meeting: { meetingId: meeting.meetingId, title: meeting.title },
    registration: data,
    exportedAt: deps.now().toISOString(),
  };
}

/** The registrant asks for deletion: the record and the address guard go at once; a seat goes to the waiting list. */
export async function deleteRegistrationData(
  deps: RegistrationsDeps,
  meetingId: string,
  registrationId: string,
  token: string,
): Promise<void> {
  await withRetry(`Registration ${registrationId}`, async () => {
    const { registration } = await openRegistration(deps, meetingId, registrationId, token);
    const result = await deps.store.deleteRegistration(registration);
    if (result !== 'ok') return 'changed-meanwhile';
    if (registration.holdsSeat) await fillFreeSeats(deps, meetingId);
    return true;
  });
}

/** Secretariat: a meeting's registrations, optionally in one status. */
export async function listRegistrations(
  deps: RegistrationsDeps,
  meetingId: string,
  status?: string,
): Promise<Registration[]> {
  await meetingOrThrow(deps, meetingId);
  const statuses: RegistrationStatus[] = status
    ? [parseStatus(status)]
    : ['pending', 'approved', 'waitlisted', 'unverified', 'rejected', 'withdrawn'];
  const lists = await Promise.all(statuses.map((s) => deps.store.listByStatus(meetingId, s)));
  return lists.flat();
}

function parseStatus(value: string): RegistrationStatus {
  const statuses: readonly string[] = ['unverified', 'pending', 'approved', 'waitlisted', 'rejected', 'withdrawn'];
  if (!statuses.includes(value)) {
    throw new ValidationError('Unknown status.', { status: `Use one of: ${statuses.join(', ')}.` });
  }
  return value as RegistrationStatus;
}

export interface BulkResult {
  registrationId: string;
  ok: boolean;
  status?: RegistrationStatus;
  error?: string;
}

/** Secretariat: approve or reject many at once; each succeeds or fails on its own. */
export async function decideRegistrations(
  deps: RegistrationsDeps,
  meetingId: string,
  input: { action?: unknown; registrationIds?: unknown; reason?: unknown },
  actor: string,
): Promise<BulkResult[]> {
  const errors: Record<string, string> = {};
  if (input.action !== 'approve' && input.action !== 'reject') errors.action = 'Use "approve" or "reject".';
  const ids = Array.isArray(input.registrationIds)
    ? input.registrationIds.filter((id): id is string => typeof id === 'string')
    : [];
  if (ids.length === 0) errors.registrationIds = 'Give at least one registration id.';
  if (ids.length > 500) errors.registrationIds = 'Give at most 500 registration ids at once.';
  if (Object.keys(errors).length) throw new ValidationError('The bulk decision is incomplete.', errors);
  const results: BulkResult[] = [];
  for (const registrationId of [...new Set(ids)]) {
    try {
      const registration =
        input.action === 'approve'
          ? await approveRegistration(deps, meetingId, registrationId, actor)
          : await rejectRegistration(deps, meetingId, registrationId, { reason: input.reason }, actor);
      results.push({ registrationId, ok: true, status: registration.status });
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      results.push({ registrationId, ok: false, error: error.message });
    }
  }
  return results;
}

/**
 * Sends every approved registrant the meeting as it now is, with the updated calendar entry.
 * Each message id names the calendar sequence, so running this again (after a crash, or from
 * the re-drive job) never sends anyone the same notice twice.
 */
export async function notifyMeetingChange(deps: RegistrationsDeps, meetingId: string): Promise<{ notified: number }> {
  const meeting = await deps.store.getMeeting(meetingId);
  if (!meeting || meeting.notifiedSequence >= meeting.calendarSequence) return { notified: 0 };
  const sequence = meeting.calendarSequence;
  const approved = await deps.store.listByStatus(meetingId, 'approved');
  const messages = approved.map((registration) =>
    registrantMessage({
      event: 'meeting-changed',
      occurrence: `seq${sequence}`,
      registration,
      meeting,
      calendar: 'REQUEST',
      invitation: true,
      extra: { joiningDetails: meeting.joiningDetails ?? null },
    }),
  );
  const queued = await deps.store.queueMessages(messages);
  await deps.mail.dispatch(queued);
  await deps.store.markMeetingNotified(meetingId, sequence);
  return { notified: queued.length };
}

/** Finishes meeting-change notices that were interrupted. */
export async function completeMeetingNotices(deps: RegistrationsDeps): Promise<number> {
  let notified = 0;
  for (const meetingId of await deps.store.meetingsAwaitingNotice())
    notified += (await notifyMeetingChange(deps, meetingId)).notified;
  return notified;
}

/** The verification page before the registrant confirms: what they are confirming. */
export async function previewVerification(
  deps: RegistrationsDeps,
  meetingId: string,
  registrationId: string,
  token: string,
) {
  const registration = await deps.store.getRegistration(meetingId, registrationId);
  if (
    registration &&
    registration.status !== 'unverified' &&
    registration.verifiedAt &&
    sameToken(hashToken(token), registration.verifyTokenHash)
  ) {
    throw new AlreadyConfirmedError(registration);
  }
  if (
    registration?.status !== 'unverified' ||
    !sameToken(hashToken(token), registration.verifyTokenHash) ||
    !registration.verifyExpiresAt ||
    registration.verifyExpiresAt <= deps.now().toISOString()
  ) {
    throw new InvalidLinkError();
  }
  return { registration, meeting: await meetingOrThrow(deps, meetingId) };
}

const DAY_MS = 86_400_000;

/**
 * Privacy: registrants' personal data is deleted `retentionDays` after their meeting ended. A
 * run interrupted half-way is finished by the next one (the meeting is marked only at the end).
 */
export async function purgeExpiredPersonalData(
  deps: RegistrationsDeps,
  at: Date,
): Promise<{ meetings: number; registrations: number }> {
  let meetingsPurged = 0;
  let registrationsDeleted = 0;
  for (const meeting of await deps.store.listMeetings()) {
    if (meeting.personalDataDeletedAt) continue;
    if (Date.parse(meeting.endsAt) + meeting.retentionDays * DAY_MS > at.getTime()) continue;
    for (const status of ['unverified', 'pending', 'approved', 'waitlisted', 'rejected', 'withdrawn'] as const) {
      for (const registration of await deps.store.listByStatus(meeting.meetingId, status)) {
        if ((await deps.store.deleteRegistration(registration)) === 'ok') registrationsDeleted++;
      }
    }
    await deps.store.markPersonalDataDeleted(meeting.meetingId, at.toISOString());
    meetingsPurged++;
  }
  return { meetings: meetingsPurged, registrations: registrationsDeleted };
}

/** An approved registrant's personal invitation (templates/documents/invitation/<lang>.hbs) as PDF. */
export async function invitationPdf(
  deps: RegistrationsDeps,
  meetingId: string,
  registrationId: string,
  token: string,
): Promise<Buffer> {
  const { registration, meeting } = await openRegistration(deps, meetingId, registrationId, token);
  if (registration.status !== 'approved')
    throw new ConflictError('The invitation is issued once the registration is approved.');
  if (!deps.renderPdf) throw new Error('No PDF renderer configured');
  return deps.renderPdf(
    invitationDocument({
      registration,
      meeting,
      now: deps.now(),
      contactEmail: deps.contactEmail ?? 'u4ssc@itu.int',
      printable: deps.printableName,
    }),
  );
}

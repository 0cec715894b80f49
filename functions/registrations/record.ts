import { NotFoundError } from '../errors.ts';
import type { Meeting } from '../meetings/meeting.ts';
import type { RegistrationAuditEvent, RegistrationsDeps } from './ports.ts';
import type { Registration } from './registration.ts';

/** Secretariat: one registration in full, with its meeting, its audit trail and its place on the waiting list. */
export async function registrationRecord(
  deps: Pick<RegistrationsDeps, 'store'>,
  meetingId: string,
  registrationId: string,
): Promise<{
  registration: Registration;
  meeting: Meeting;
  audit: RegistrationAuditEvent[];
  waitlistPosition: number | undefined;
}> {
  const [registration, meeting, audit] = await Promise.all([
    deps.store.getRegistration(meetingId, registrationId),
    deps.store.getMeeting(meetingId),
    deps.store.auditTrail(meetingId, registrationId),
  ]);
  if (!meeting) throw new NotFoundError(`No meeting has the id "${meetingId}".`);
  if (!registration) throw new NotFoundError(`Meeting ${meetingId} has no registration "${registrationId}".`);
  let waitlistPosition: number | undefined;
  if (registration.status === 'waitlisted') {
    const list = await deps.store.listByStatus(meetingId, 'waitlisted');
    waitlistPosition = list.findIndex((r) => r.registrationId === registrationId) + 1 || undefined;
  }
  return { registration, meeting, audit, waitlistPosition };
}

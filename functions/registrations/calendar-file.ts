import { ConflictError } from '../errors.ts';
import type { Attachment } from '../mail/delivery.ts';
import { calendarEntry } from './calendar.ts';
import { openRegistration } from './operations.ts';
import type { RegistrationsDeps } from './ports.ts';

/** An approved registrant downloads the calendar entry from the self-service page. */
export async function calendarFile(
  deps: RegistrationsDeps,
  meetingId: string,
  registrationId: string,
  token: string,
): Promise<Attachment> {
  const { registration, meeting } = await openRegistration(deps, meetingId, registrationId, token);
  if (registration.status !== 'approved') {
    throw new ConflictError('The calendar entry is available once the registration is approved.');
  }
  return calendarEntry({
    meeting,
    registration,
    cancel: false,
    organizerEmail: deps.contactEmail ?? 'u4ssc@itu.int',
    now: deps.now(),
  });
}

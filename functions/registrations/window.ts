import type { Meeting } from '../meetings/meeting.ts';

/**
 * Whether a meeting takes registrations now, and whether its seats are taken. Pure and
 * dependency-free, so the public pages can show it without the registration operations
 * (and their validation) in their bundle.
 */
export type RegistrationWindow =
  | { state: 'open' }
  | { state: 'not-open'; opensAt: string }
  | { state: 'closed'; closedAt: string };

/** Open from `registrationOpensAt` (or always) until `registrationClosesAt` (or the meeting's end). */
export function registrationWindow(meeting: Meeting, now: Date): RegistrationWindow {
  const at = now.toISOString();
  if (meeting.registrationOpensAt && at < meeting.registrationOpensAt)
    return { state: 'not-open', opensAt: meeting.registrationOpensAt };
  const closesAt =
    meeting.registrationClosesAt && meeting.registrationClosesAt < meeting.endsAt
      ? meeting.registrationClosesAt
      : meeting.endsAt;
  if (at >= closesAt) return { state: 'closed', closedAt: closesAt };
  return { state: 'open' };
}

export const isFull = (meeting: Meeting) => meeting.capacity !== undefined && meeting.seatsTaken >= meeting.capacity;

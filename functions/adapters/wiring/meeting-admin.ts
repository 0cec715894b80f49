import type { MeetingAdminDeps } from '../../meetings/operations.ts';
import { fillFreeSeats, notifyMeetingChange } from '../../registrations/operations.ts';
import { meetingRepository } from '../dynamodb/meetings.ts';
import { store } from '../dynamodb/store.ts';
import { once } from './core.ts';
import { registrationsDeps } from './registrations.ts';

/** Creating and changing meetings; registrants are told of changes and waiting lists move up. */
export const meetingAdminDeps = /* @__PURE__ */ once(
  (): MeetingAdminDeps => ({
    meetings: meetingRepository(store()),
    notifyMeetingChange: (meetingId) => notifyMeetingChange(registrationsDeps(), meetingId),
    fillFreeSeats: (meetingId) => fillFreeSeats(registrationsDeps(), meetingId),
  }),
);

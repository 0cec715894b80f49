/** The console function (secretariat console: meetings, registrations, email log; sign-in and sign-out). Handlers as assigned in functions/routes.ts. */

import { countWaiting } from '../adapters/wiring/inbox.ts';
import { handler as consoleCallback } from '../handlers/console-callback.ts';
import { handler as consoleEmail } from '../handlers/console-email.ts';
import { handler as consoleEmailResend } from '../handlers/console-email-resend.ts';
import { handler as consoleEmails } from '../handlers/console-emails.ts';
import { handler as consoleMeetingEdit } from '../handlers/console-meeting-edit.ts';
import { handler as consoleMeetingSave } from '../handlers/console-meeting-save.ts';
import { handler as consoleMeetings } from '../handlers/console-meetings.ts';
import { handler as consoleRegistration } from '../handlers/console-registration.ts';
import { handler as consoleRegistrations } from '../handlers/console-registrations.ts';
import { handler as consoleRegistrationsCsv } from '../handlers/console-registrations-csv.ts';
import { handler as consoleRegistrationsDecide } from '../handlers/console-registrations-decide.ts';
import { handler as consoleSignIn } from '../handlers/console-sign-in.ts';
import { handler as consoleSignOut } from '../handlers/console-sign-out.ts';
import { countWaitingWith } from '../http/console-navigation.ts';
import { routeDispatcher } from './dispatch.ts';

// Its console pages show the count of governance requests waiting for the signed-in person.
countWaitingWith(countWaiting);

export const handler = routeDispatcher('console', {
  'console-meetings': consoleMeetings,
  'console-meeting-edit': consoleMeetingEdit,
  'console-meeting-save': consoleMeetingSave,
  'console-registrations': consoleRegistrations,
  'console-registration': consoleRegistration,
  'console-registrations-decide': consoleRegistrationsDecide,
  'console-registrations-csv': consoleRegistrationsCsv,
  'console-emails': consoleEmails,
  'console-email': consoleEmail,
  'console-email-resend': consoleEmailResend,
  'console-sign-in': consoleSignIn,
  'console-callback': consoleCallback,
  'console-sign-out': consoleSignOut,
});

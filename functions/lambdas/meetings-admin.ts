/** The meetings-admin function (secretariat API: meetings, registration decisions, partners, the signed-in person). Handlers as assigned in functions/routes.ts. */

import { handler as me } from '../handlers/me.ts';
import { handler as meetingCreate } from '../handlers/meeting-create.ts';
import { handler as meetingUpdate } from '../handlers/meeting-update.ts';
import { handler as partnersList } from '../handlers/partners-list.ts';
import { handler as registrationApprove } from '../handlers/registration-approve.ts';
import { handler as registrationReject } from '../handlers/registration-reject.ts';
import { handler as registrationsCsv } from '../handlers/registrations-csv.ts';
import { handler as registrationsDecide } from '../handlers/registrations-decide.ts';
import { handler as registrationsList } from '../handlers/registrations-list.ts';
import { routeDispatcher } from './dispatch.ts';

export const handler = routeDispatcher('meetings-admin', {
  'partners-list': partnersList,
  me,
  'meeting-create': meetingCreate,
  'meeting-update': meetingUpdate,
  'registrations-list': registrationsList,
  'registrations-csv': registrationsCsv,
  'registration-approve': registrationApprove,
  'registration-reject': registrationReject,
  'registrations-decide': registrationsDecide,
});

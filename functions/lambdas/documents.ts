/** The documents function (documents rendered on request: personal invitations, issued circulars, hub report previews). Handlers as assigned in functions/routes.ts. */

import { handler as circularPdf } from '../handlers/circular-pdf.ts';
import { handler as hubReportPreview } from '../handlers/hub-report-preview.ts';
import { handler as registrationInvitation } from '../handlers/registration-invitation.ts';
import { routeDispatcher } from './dispatch.ts';

export const handler = routeDispatcher('documents', {
  'registration-invitation': registrationInvitation,
  'hub-report-preview': hubReportPreview,
  'circular-pdf': circularPdf,
});

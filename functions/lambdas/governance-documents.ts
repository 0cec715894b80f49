/** The governance-documents function (decision records, the Annex II list as a page and PDF, minutes of e-meetings, requests' files). Handlers as assigned in functions/routes.ts. */

import { handler as governanceDecisionPdf } from '../handlers/governance-decision-pdf.ts';
import { handler as governanceMinutesFile } from '../handlers/governance-minutes-file.ts';
import { handler as governanceMinutesUpload } from '../handlers/governance-minutes-upload.ts';
import { handler as governanceRequestAttach } from '../handlers/governance-request-attach.ts';
import { handler as governanceRequestFile } from '../handlers/governance-request-file.ts';
import { handler as governanceRequestOpen } from '../handlers/governance-request-open.ts';
import { handler as partnersAnnexPdf } from '../handlers/partners-annex-pdf.ts';
import { handler as partnersPage } from '../handlers/partners-page.ts';
import { routeDispatcher } from './dispatch.ts';

export const handler = routeDispatcher('governance-documents', {
  'governance-decision-pdf': governanceDecisionPdf,
  'governance-minutes-upload': governanceMinutesUpload,
  'governance-minutes-file': governanceMinutesFile,
  'governance-request-open': governanceRequestOpen,
  'governance-request-attach': governanceRequestAttach,
  'governance-request-file': governanceRequestFile,
  'partners-page': partnersPage,
  'partners-annex-pdf': partnersAnnexPdf,
});

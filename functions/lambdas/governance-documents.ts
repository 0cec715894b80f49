/** The governance-documents function (decision records, the Annex II list as a page and PDF, minutes of e-meetings). Handlers as assigned in functions/routes.ts. */

import { handler as governanceDecisionPdf } from '../handlers/governance-decision-pdf.ts';
import { handler as governanceMinutesUpload } from '../handlers/governance-minutes-upload.ts';
import { handler as partnersAnnexPdf } from '../handlers/partners-annex-pdf.ts';
import { handler as partnersPage } from '../handlers/partners-page.ts';
import { routeDispatcher } from './dispatch.ts';

export const handler = routeDispatcher('governance-documents', {
  'governance-decision-pdf': governanceDecisionPdf,
  'governance-minutes-upload': governanceMinutesUpload,
  'partners-page': partnersPage,
  'partners-annex-pdf': partnersAnnexPdf,
});

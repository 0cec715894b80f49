/** The hub-reports function (hub annual reports as PDF: draft previews and publication). Handlers as assigned in functions/routes.ts. */

import { handler as consoleHubReportPdf } from '../handlers/console-hub-report-pdf.ts';
import { handler as consoleHubReportPublish } from '../handlers/console-hub-report-publish.ts';
import { handler as hubAttachmentAdd } from '../handlers/hub-attachment-add.ts';
import { handler as hubAttachmentFile } from '../handlers/hub-attachment-file.ts';
import { handler as hubPortfolioPdf } from '../handlers/hub-portfolio-pdf.ts';
import { handler as hubReportDraft } from '../handlers/hub-report-draft.ts';
import { handler as hubReportPublish } from '../handlers/hub-report-publish.ts';
import { routeDispatcher } from './dispatch.ts';

export const handler = routeDispatcher('hub-reports', {
  'hub-report-draft': hubReportDraft,
  'hub-report-publish': hubReportPublish,
  'console-hub-report-pdf': consoleHubReportPdf,
  'console-hub-report-publish': consoleHubReportPublish,
  'hub-portfolio-pdf': hubPortfolioPdf,
  'hub-attachment-add': hubAttachmentAdd,
  'hub-attachment-file': hubAttachmentFile,
});

import { hubReportsDeps } from '../adapters/wiring/hub-reports.ts';
import { fileDownload } from '../files/uploads.ts';
import { httpHandler } from '../http/handler.ts';
import { readAttachment } from '../hubs/attachments.ts';
import { checkYear } from '../hubs/operations.ts';
import { routeFor } from '../routes.ts';

/** A file attached to an activity, downloaded by the hub or the secretariat. */
export const handler = httpHandler(
  routeFor('GET /api/hubs/{hubId}/years/{year}/attachments/{attachmentId}'),
  async ({ params, identity }) => {
    const deps = hubReportsDeps();
    const year = checkYear(params.year, deps.now());
    const { attachment, body } = await readAttachment(
      deps,
      identity,
      params.hubId ?? '',
      year,
      params.attachmentId ?? '',
    );
    return fileDownload(attachment, body);
  },
);

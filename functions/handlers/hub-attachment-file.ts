import { hubReportsDeps } from '../adapters/wiring/hub-reports.ts';
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
    return {
      statusCode: 200,
      headers: {
        'content-type': attachment.contentType,
        'content-disposition': `attachment; filename="${attachment.fileName.replace(/[^\w.-]/g, '_')}"; filename*=UTF-8''${encodeURIComponent(attachment.fileName)}`,
        'x-content-type-options': 'nosniff',
        'cache-control': 'private, no-store',
        etag: `"${attachment.sha256}"`,
      },
      body: body.toString('base64'),
      isBase64Encoded: true,
    };
  },
);

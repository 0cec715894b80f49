import { requestFilesDeps } from '../adapters/wiring/governance-documents.ts';
import { fileDownload } from '../files/uploads.ts';
import { file } from '../governance/index.ts';
import { httpHandler } from '../http/handler.ts';
import { routeFor } from '../routes.ts';

/** A request's file, downloaded by whoever may read the request. */
export const handler = httpHandler(
  routeFor('GET /api/governance/requests/{requestId}/attachments/{attachmentId}'),
  async ({ identity, params }) => {
    const { attachment, body } = await file(
      requestFilesDeps(),
      identity,
      params.requestId ?? '',
      params.attachmentId ?? '',
    );
    return fileDownload(attachment, body);
  },
);

import { requestFilesDeps } from '../adapters/wiring/governance-documents.ts';
import { MAX_ATTACH_BODY_BYTES } from '../governance/attachments.ts';
import { attach } from '../governance/index.ts';
import { httpHandler } from '../http/handler.ts';
import { json } from '../http/responses.ts';
import { routeFor } from '../routes.ts';

/** Files added to a request by its requester or the secretariat (base64 in JSON). */
export const handler = httpHandler(
  routeFor('POST /api/governance/requests/{requestId}/attachments'),
  async ({ identity, params, body }) =>
    json(201, await attach(requestFilesDeps(), identity, params.requestId ?? '', body)),
  { maxBodyBytes: MAX_ATTACH_BODY_BYTES },
);

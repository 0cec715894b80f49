import { requestFilesDeps } from '../adapters/wiring/governance-documents.ts';
import { MAX_ATTACH_BODY_BYTES } from '../governance/attachments.ts';
import { open } from '../governance/index.ts';
import { httpHandler } from '../http/handler.ts';
import { json } from '../http/responses.ts';
import { routeFor } from '../routes.ts';

/** Opens a request; its files (if any) go to the documents bucket. */
export const handler = httpHandler(
  routeFor('POST /api/governance/requests'),
  async ({ identity, body }) => json(201, await open(requestFilesDeps(), identity, body)),
  { maxBodyBytes: MAX_ATTACH_BODY_BYTES },
);

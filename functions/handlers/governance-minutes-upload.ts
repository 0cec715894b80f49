import { minutesDeps } from '../adapters/wiring/governance-documents.ts';
import { MAX_MINUTES_BYTES, uploadMinutes } from '../governance/structure.ts';
import { httpHandler } from '../http/handler.ts';
import { json } from '../http/responses.ts';
import { routeFor } from '../routes.ts';

export const handler = httpHandler(
  routeFor('POST /api/governance/deliverables/{deliverableId}/minutes'),
  async ({ identity, params, body }) =>
    json(201, await uploadMinutes(minutesDeps(), identity, params.deliverableId ?? '', body)),
  // The file travels in base64 (4/3 of its size) with a few fields.
  { maxBodyBytes: Math.ceil((MAX_MINUTES_BYTES * 4) / 3) + 4096 },
);

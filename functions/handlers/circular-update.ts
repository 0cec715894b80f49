import { circularsDeps } from '../adapters/wiring/circulars.ts';
import { updateCircularDraft } from '../circulars/operations.ts';
import { httpHandler } from '../http/handler.ts';
import { json } from '../http/responses.ts';
import { routeFor } from '../routes.ts';

export const handler = httpHandler(routeFor('PATCH /api/circulars/{circularId}'), async ({ params, body }) =>
  json(200, await updateCircularDraft(circularsDeps(), params.circularId ?? '', body)),
);

import { circularsDeps } from '../adapters/wiring/circulars.ts';
import { createCircularDraft } from '../circulars/operations.ts';
import { httpHandler } from '../http/handler.ts';
import { json } from '../http/responses.ts';
import { routeFor } from '../routes.ts';

export const handler = httpHandler(routeFor('POST /api/circulars'), async ({ body }) => {
  const circular = await createCircularDraft(circularsDeps(), body);
  return json(201, circular, { location: `/api/circulars/${circular.circularId}` });
});

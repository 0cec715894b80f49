import { circularsDeps } from '../adapters/wiring/circulars.ts';
import { saveDistributionList } from '../circulars/operations.ts';
import { httpHandler } from '../http/handler.ts';
import { json } from '../http/responses.ts';
import { routeFor } from '../routes.ts';

export const handler = httpHandler(routeFor('PUT /api/distribution-lists/{listId}'), async ({ params, body }) =>
  json(200, await saveDistributionList(circularsDeps(), params.listId ?? '', body)),
);

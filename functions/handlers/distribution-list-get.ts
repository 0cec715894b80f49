import { circularsDeps } from '../adapters/wiring/circulars.ts';
import { getDistributionList } from '../circulars/operations.ts';
import { httpHandler } from '../http/handler.ts';
import { json } from '../http/responses.ts';
import { routeFor } from '../routes.ts';

export const handler = httpHandler(routeFor('GET /api/distribution-lists/{listId}'), async ({ params }) =>
  json(200, await getDistributionList(circularsDeps(), params.listId ?? '')),
);

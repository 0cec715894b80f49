import { hubsDeps } from '../adapters/wiring/hubs.ts';
import { httpHandler } from '../http/handler.ts';
import { json } from '../http/responses.ts';
import { listHubsFor } from '../hubs/operations.ts';
import { routeFor } from '../routes.ts';

export const handler = httpHandler(routeFor('GET /api/hubs'), async ({ identity }) =>
  json(200, { hubs: await listHubsFor(hubsDeps(), identity) }),
);

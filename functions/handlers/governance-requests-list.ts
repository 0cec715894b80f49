import { governanceDeps } from '../adapters/wiring/governance.ts';
import { list } from '../governance/index.ts';
import { httpHandler } from '../http/handler.ts';
import { json } from '../http/responses.ts';
import { routeFor } from '../routes.ts';

export const handler = httpHandler(routeFor('GET /api/governance/requests'), async ({ identity, query }) =>
  json(200, await list(governanceDeps(), identity, query)),
);

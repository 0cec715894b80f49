import { governanceDeps } from '../adapters/wiring/governance.ts';
import { get } from '../governance/index.ts';
import { httpHandler } from '../http/handler.ts';
import { json } from '../http/responses.ts';
import { routeFor } from '../routes.ts';

export const handler = httpHandler(routeFor('GET /api/governance/requests/{requestId}'), async ({ identity, params }) =>
  json(200, await get(governanceDeps(), identity, params.requestId ?? '')),
);

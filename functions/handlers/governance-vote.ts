import { governanceDeps } from '../adapters/wiring/governance.ts';
import { vote } from '../governance/index.ts';
import { httpHandler } from '../http/handler.ts';
import { json } from '../http/responses.ts';
import { routeFor } from '../routes.ts';

export const handler = httpHandler(
  routeFor('PUT /api/governance/requests/{requestId}/votes'),
  async ({ identity, params, body }) => json(200, await vote(governanceDeps(), identity, params.requestId ?? '', body)),
);

import { governanceDeps } from '../adapters/wiring/governance.ts';
import { transition } from '../governance/index.ts';
import { httpHandler } from '../http/handler.ts';
import { json } from '../http/responses.ts';
import { routeFor } from '../routes.ts';

export const handler = httpHandler(
  routeFor('POST /api/governance/requests/{requestId}/transitions'),
  async ({ identity, params, body }) =>
    json(200, await transition(governanceDeps(), identity, params.requestId ?? '', body)),
);

import { governanceDeps } from '../adapters/wiring/governance.ts';
import { open } from '../governance/index.ts';
import { httpHandler } from '../http/handler.ts';
import { json } from '../http/responses.ts';
import { routeFor } from '../routes.ts';

export const handler = httpHandler(routeFor('POST /api/governance/requests'), async ({ identity, body }) =>
  json(201, await open(governanceDeps(), identity, body)),
);

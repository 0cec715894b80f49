import { structureDeps } from '../adapters/wiring/governance.ts';
import { structure } from '../governance/structure.ts';
import { httpHandler } from '../http/handler.ts';
import { json } from '../http/responses.ts';
import { routeFor } from '../routes.ts';

export const handler = httpHandler(routeFor('GET /api/governance/structure'), async ({ identity }) =>
  json(200, await structure(structureDeps(), identity)),
);

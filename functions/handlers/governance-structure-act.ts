import { structureDeps } from '../adapters/wiring/governance.ts';
import { act } from '../governance/structure.ts';
import { httpHandler } from '../http/handler.ts';
import { json } from '../http/responses.ts';
import { routeFor } from '../routes.ts';

export const handler = httpHandler(routeFor('POST /api/governance/structure'), async ({ identity, body }) => {
  const done = await act(structureDeps(), identity, body);
  return json(done.status, done.body);
});

import { structureDeps } from '../adapters/wiring/governance.ts';
import { consoleStructureAct } from '../governance/structure.ts';
import { httpHandler } from '../http/handler.ts';
import { routeFor } from '../routes.ts';

/** A console form of the structure page (appointment, IP-lead e-meeting, contribution): 303 back with what was done or why not. */
export const handler = httpHandler(routeFor('POST /console/governance/structure'), async ({ identity, body }) => {
  const outcome = await consoleStructureAct(structureDeps(), identity, body);
  const query =
    'done' in outcome ? `done=${encodeURIComponent(outcome.done)}` : `error=${encodeURIComponent(outcome.error)}`;
  return { statusCode: 303, headers: { location: `/console/governance/structure?${query}` }, body: '' };
});

import { hubsDeps } from '../adapters/wiring/hubs.ts';
import { httpHandler } from '../http/handler.ts';
import { json } from '../http/responses.ts';
import { checkYear, getHubYear } from '../hubs/operations.ts';
import { routeFor } from '../routes.ts';

/** A hub's year: its records, the report's state and the draft drawn from the records. */
export const handler = httpHandler(routeFor('GET /api/hubs/{hubId}/years/{year}'), async ({ params, identity }) => {
  const deps = hubsDeps();
  const year = checkYear(params.year, deps.now());
  return json(200, await getHubYear(deps, identity, params.hubId ?? '', year));
});

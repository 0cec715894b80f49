import { hubsDeps } from '../adapters/wiring/hubs.ts';
import { httpHandler } from '../http/handler.ts';
import { json } from '../http/responses.ts';
import { changeHubYear, checkYear } from '../hubs/operations.ts';
import { routeFor } from '../routes.ts';

/** One change to a hub's year, named by `action` (a record, the report's words, submit, accept, return, correct). */
export const handler = httpHandler(
  routeFor('POST /api/hubs/{hubId}/years/{year}'),
  async ({ params, identity, body }) => {
    const deps = hubsDeps();
    const year = checkYear(params.year, deps.now());
    return json(200, await changeHubYear(deps, identity, params.hubId ?? '', year, body));
  },
);

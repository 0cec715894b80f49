import { circularsDeps } from '../adapters/wiring/circulars.ts';
import { setCircularSequence } from '../circulars/operations.ts';
import { httpHandler } from '../http/handler.ts';
import { json } from '../http/responses.ts';
import { routeFor } from '../routes.ts';

/** Starts a body's sequence at a number: `{ "next": 353, "reason": "…" }`; recorded with who and when. */
export const handler = httpHandler(
  routeFor('PUT /api/circular-sequences/{bureau}'),
  async ({ params, body, identity }) =>
    json(200, await setCircularSequence(circularsDeps(), params.bureau ?? '', body, identity?.email ?? 'secretariat')),
);

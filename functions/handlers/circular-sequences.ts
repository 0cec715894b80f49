import { circularsDeps } from '../adapters/wiring/circulars.ts';
import { allCircularSequences } from '../circulars/operations.ts';
import { httpHandler } from '../http/handler.ts';
import { json } from '../http/responses.ts';
import { routeFor } from '../routes.ts';

/** Each issuing body with the number its next circular gets, the highest issued, and every change made. */
export const handler = httpHandler(routeFor('GET /api/circular-sequences'), async () =>
  json(200, { sequences: await allCircularSequences(circularsDeps()) }, { 'cache-control': 'no-store' }),
);

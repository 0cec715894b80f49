import { circularsDeps } from '../adapters/wiring/circulars.ts';
import { circularSequence, issuingBodies } from '../circulars/operations.ts';
import { httpHandler } from '../http/handler.ts';
import { json } from '../http/responses.ts';
import { routeFor } from '../routes.ts';

/** Each issuing body with the number its next circular gets, the highest issued, and every change made. */
export const handler = httpHandler(routeFor('GET /api/circular-sequences'), async () => {
  const deps = circularsDeps();
  const sequences = await Promise.all(
    issuingBodies().map(async (body) => ({ name: body.name, ...(await circularSequence(deps, body.id)) })),
  );
  return json(200, { sequences }, { 'cache-control': 'no-store' });
});

import { circularsDeps } from '../adapters/wiring/circulars.ts';
import { distributeCircular } from '../circulars/operations.ts';
import { httpHandler } from '../http/handler.ts';
import { json } from '../http/responses.ts';
import { routeFor } from '../routes.ts';

export const handler = httpHandler(routeFor('POST /api/circulars/{circularId}/distribute'), async ({ params }) =>
  json(202, { progress: await distributeCircular(circularsDeps(), params.circularId ?? '') }),
);

import { circularsDeps } from '../adapters/wiring/circulars.ts';
import { circularWithProgress } from '../circulars/operations.ts';
import { httpHandler } from '../http/handler.ts';
import { json } from '../http/responses.ts';
import { routeFor } from '../routes.ts';

export const handler = httpHandler(routeFor('GET /api/circulars/{circularId}'), async ({ params }) =>
  json(200, await circularWithProgress(circularsDeps(), params.circularId ?? ''), { 'cache-control': 'no-store' }),
);

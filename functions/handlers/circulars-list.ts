import { circularsDeps } from '../adapters/wiring/circulars.ts';
import { listCirculars } from '../circulars/operations.ts';
import { httpHandler } from '../http/handler.ts';
import { json } from '../http/responses.ts';
import { routeFor } from '../routes.ts';

export const handler = httpHandler(routeFor('GET /api/circulars'), async () =>
  json(200, { circulars: await listCirculars(circularsDeps()) }),
);

import { circularsDeps } from '../adapters/wiring/circulars.ts';
import { importCircular } from '../circulars/operations.ts';
import { httpHandler } from '../http/handler.ts';
import { json } from '../http/responses.ts';
import { routeFor } from '../routes.ts';

/** A circular issued before the platform, recorded with its own number and date: `{ number, date }`. */
export const handler = httpHandler(
  routeFor('POST /api/circulars/{circularId}/import'),
  async ({ params, body, identity }) =>
    json(200, await importCircular(circularsDeps(), params.circularId ?? '', identity?.email ?? 'secretariat', body)),
);

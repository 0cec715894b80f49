import { circularsDeps } from '../adapters/wiring/circulars.ts';
import { issueCircular } from '../circulars/operations.ts';
import { httpHandler } from '../http/handler.ts';
import { json } from '../http/responses.ts';
import { routeFor } from '../routes.ts';

/** Issues a draft; the body may give the date it bears (`{ "date": "2026-11-26" }`, default today). */
export const handler = httpHandler(
  routeFor('POST /api/circulars/{circularId}/issue'),
  async ({ params, body, identity }) =>
    json(
      200,
      await issueCircular(circularsDeps(), params.circularId ?? '', identity?.email ?? 'secretariat', body ?? {}),
    ),
);

import { openApiDocument } from '../api/openapi.ts';
import { httpHandler } from '../http/handler.ts';
import { json } from '../http/responses.ts';
import { routeFor } from '../routes.ts';

export const handler = httpHandler(routeFor('GET /api/openapi.json'), async () =>
  json(200, openApiDocument(), { 'cache-control': 'public, max-age=300' }),
);

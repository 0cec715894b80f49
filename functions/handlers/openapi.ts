import { httpHandler } from '../http/handler.ts';
import { json } from '../http/responses.ts';
import { routeFor } from '../routes.ts';

/**
 * The OpenAPI document. Its module (every capability's request schemas, as JSON Schema) is loaded
 * on the first request for it, not at the cold start of the site function's public pages.
 */
export const handler = httpHandler(routeFor('GET /api/openapi.json'), async () => {
  const { openApiDocument } = await import('../api/openapi.ts');
  return json(200, openApiDocument(), { 'cache-control': 'public, max-age=300' });
});

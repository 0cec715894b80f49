import { healthDeps } from '../adapters/wiring/health.ts';
import { httpHandler } from '../http/handler.ts';
import { json } from '../http/responses.ts';
import { routeFor } from '../routes.ts';
import { checkHealth } from '../system/health.ts';

export const handler = httpHandler(routeFor('GET /health'), async () => {
  const health = await checkHealth(healthDeps());
  return json(health.status === 'ok' ? 200 : 503, health, { 'cache-control': 'no-store' });
});

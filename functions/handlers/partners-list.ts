import { partnersDeps } from '../adapters/wiring/people.ts';
import { httpHandler } from '../http/handler.ts';
import { json } from '../http/responses.ts';
import { listPartners } from '../partners/index.ts';
import { routeFor } from '../routes.ts';

export const handler = httpHandler(routeFor('GET /api/partners'), async () => {
  const partners = await listPartners(partnersDeps());
  return json(200, { partners });
});

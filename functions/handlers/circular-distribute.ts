import { circularsDeps } from '../adapters/wiring/circulars.ts';
import { distributeCircular } from '../circulars/operations.ts';
import { httpHandler } from '../http/handler.ts';
import { json } from '../http/responses.ts';
import { routeFor } from '../routes.ts';

export const handler = httpHandler(routeFor('POST /api/circulars/{circularId}/distribute'), async ({ params }) => {
  const { queuedNow, ...progress } = await distributeCircular(circularsDeps(), params.circularId ?? '');
  // How many emails this request queued: 0 when everyone on the lists has been sent it already.
  return json(202, { queued: queuedNow, progress });
});

import { circularsDeps } from '../adapters/wiring/circulars.ts';
import { distributeCircular } from '../circulars/operations.ts';
import { httpHandler } from '../http/handler.ts';
import { circularAction } from '../pages/console-circular.ts';
import { routeFor } from '../routes.ts';

/** Emails an issued circular to its lists (never twice to anyone); back to its page, which shows the progress. */
export const handler = httpHandler(
  routeFor('POST /console/circulars/{circularId}/distribute'),
  async ({ params, identity }) => {
    const circularId = params.circularId ?? '';
    return circularAction(circularsDeps(), circularId, identity, 'distribution', async () => {
      const progress = await distributeCircular(circularsDeps(), circularId);
      return `distribution to ${progress.recipients} recipient${progress.recipients === 1 ? '' : 's'} started`;
    });
  },
);

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
      const { queuedNow, recipients } = await distributeCircular(circularsDeps(), circularId);
      const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
      return `${plural(queuedNow, 'email')} queued for ${plural(recipients, 'recipient')} (nobody is sent it twice)`;
    });
  },
);

import { governanceDeps } from '../adapters/wiring/governance.ts';
import { consoleAct } from '../governance/index.ts';
import { httpHandler } from '../http/handler.ts';
import { routeFor } from '../routes.ts';

/** A console form: an action of the request's stage, or a vote. Answers 303 back to the request, with what was done or why not. */
export const handler = httpHandler(
  routeFor('POST /console/governance/requests/{requestId}'),
  async ({ identity, params, body }) => {
    const requestId = params.requestId ?? '';
    const outcome = await consoleAct(governanceDeps(), identity, requestId, body);
    const query =
      'done' in outcome ? `done=${encodeURIComponent(outcome.done)}` : `error=${encodeURIComponent(outcome.error)}`;
    return { statusCode: 303, headers: { location: `/console/governance/requests/${requestId}?${query}` }, body: '' };
  },
);

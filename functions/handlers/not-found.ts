import { NotFoundError } from '../errors.ts';
import { httpHandler } from '../http/handler.ts';

/** API Gateway's `$default` route: anything no other route matched. */
export const handler = httpHandler(
  { routeKey: '$default', handler: 'not-found', access: 'public', description: 'Unknown routes' },
  async ({ event }) => {
    throw new NotFoundError(`Nothing is served at ${event.requestContext.http.method} ${event.rawPath}.`);
  },
  // Whatever was sent, the answer is 404: a malformed body to a wrong address is not a 400.
  { parseBody: false },
);

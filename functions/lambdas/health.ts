/** The health function (health: engines reached, scheduler heartbeat). Handlers as assigned in functions/routes.ts. */

import { handler as health } from '../handlers/health.ts';
import { routeDispatcher } from './dispatch.ts';

export const handler = routeDispatcher('health', {
  health,
});

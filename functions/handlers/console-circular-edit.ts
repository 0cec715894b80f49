import { circularsDeps } from '../adapters/wiring/circulars.ts';
import { getCircular } from '../circulars/operations.ts';
import { httpHandler } from '../http/handler.ts';
import { circularPage } from '../pages/console-circular.ts';
import { routeFor } from '../routes.ts';

/** A draft's editor with its PDF previews, or an issued circular with its documents and distribution. */
export const handler = httpHandler(
  routeFor('GET /console/circulars/{circularId}'),
  async ({ params, query, identity }) => {
    const deps = circularsDeps();
    const circular = await getCircular(deps, params.circularId ?? '');
    const flash = query.saved ? 'Saved.' : query.done ? `Done: ${query.done}.` : null;
    return circularPage(deps, circular, { identity, flash });
  },
);

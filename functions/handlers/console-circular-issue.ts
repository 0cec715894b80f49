import { circularsDeps } from '../adapters/wiring/circulars.ts';
import { getCircular, issueCircular } from '../circulars/operations.ts';
import { httpHandler } from '../http/handler.ts';
import { circularReference } from '../pages/console.ts';
import { circularAction, circularPage } from '../pages/console-circular.ts';
import { routeFor } from '../routes.ts';

/** Issues a draft once the officer has confirmed it can no longer change; back to its page. */
export const handler = httpHandler(
  routeFor('POST /console/circulars/{circularId}/issue'),
  async ({ params, body, identity }) => {
    const deps = circularsDeps();
    const circularId = params.circularId ?? '';
    const form = (body ?? {}) as { confirm?: unknown; date?: unknown; acceptFallback?: unknown };
    if (form.confirm !== 'yes') {
      const circular = await getCircular(deps, circularId);
      const errors = { confirm: 'Tick the box to confirm that the circular can be issued as it is.' };
      return circularPage(deps, circular, { identity, statusCode: 400, errors });
    }
    return circularAction(deps, circularId, identity, 'confirm', async () => {
      const date = typeof form.date === 'string' && form.date.trim() ? form.date.trim() : undefined;
      const accepted = [form.acceptFallback ?? []].flat().filter((v): v is string => typeof v === 'string');
      const issued = await issueCircular(deps, circularId, identity?.email ?? 'secretariat', {
        ...(date ? { date } : {}),
        ...(accepted.length ? { acceptFallback: accepted } : {}),
      });
      return `issued as ${circularReference(issued)}`;
    });
  },
);

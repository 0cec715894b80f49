import { circularsDeps } from '../adapters/wiring/circulars.ts';
import { getCircular, importCircular, issueCircular } from '../circulars/operations.ts';
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
    const form = (body ?? {}) as { confirm?: unknown; date?: unknown; acceptFallback?: unknown; number?: unknown };
    if (form.confirm !== 'yes') {
      const circular = await getCircular(deps, circularId);
      const errors = { confirm: 'Tick the box to confirm that the circular can be issued as it is.' };
      return circularPage(deps, circular, { identity, statusCode: 400, errors });
    }
    return circularAction(deps, circularId, identity, 'confirm', async () => {
      const date = typeof form.date === 'string' && form.date.trim() ? form.date.trim() : undefined;
      const accepted = [form.acceptFallback ?? []].flat().filter((v): v is string => typeof v === 'string');
      const actor = identity?.email ?? 'secretariat';
      const fallback = accepted.length ? { acceptFallback: accepted } : {};
      // A number typed here records a circular issued before, with that number and the date given.
      const number = typeof form.number === 'string' ? form.number.trim() : '';
      const issued = number
        ? await importCircular(deps, circularId, actor, {
            number: /^\d+$/.test(number) ? Number(number) : number,
            date: date ?? '',
            ...fallback,
          })
        : await issueCircular(deps, circularId, actor, { ...(date ? { date } : {}), ...fallback });
      return `issued as ${circularReference(issued)}`;
    });
  },
);

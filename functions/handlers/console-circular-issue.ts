import { circularsDeps } from '../adapters/wiring.ts';
import { getCircular, issueCircular } from '../circulars/operations.ts';
import { ConflictError, ValidationError } from '../errors.ts';
import { httpHandler } from '../http/handler.ts';
import { circularReference, formErrors } from '../pages/console.ts';
import { circularPage } from '../pages/console-circular.ts';
import { routeFor } from '../routes.ts';

/** Issues a draft once the officer has confirmed it can no longer change; back to its page. */
export const handler = httpHandler(
  routeFor('POST /console/circulars/{circularId}/issue'),
  async ({ params, body, identity }) => {
    const deps = circularsDeps();
    const circularId = params.circularId ?? '';
    const fields = (body ?? {}) as Record<string, unknown>;
    if (fields.confirm !== 'yes') {
      const circular = await getCircular(deps, circularId);
      const errors = { confirm: 'Tick the box to confirm that the circular can be issued as it is.' };
      return circularPage(deps, circular, { identity, statusCode: 400, errors });
    }
    try {
      const issued = await issueCircular(deps, circularId, identity?.email ?? 'secretariat');
      const done = `issued as ${circularReference(issued)}`;
      return {
        statusCode: 303,
        headers: { location: `/console/circulars/${encodeURIComponent(circularId)}?done=${encodeURIComponent(done)}` },
        body: '',
      };
    } catch (error) {
      if (!(error instanceof ValidationError) && !(error instanceof ConflictError)) throw error;
      const circular = await getCircular(deps, circularId);
      const errors =
        error instanceof ValidationError
          ? formErrors(error.extensions.errors as Record<string, string>)
          : { confirm: error.message };
      return circularPage(deps, circular, { identity, statusCode: error.statusCode, errors });
    }
  },
);

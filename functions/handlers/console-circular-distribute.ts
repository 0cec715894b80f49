import { circularsDeps } from '../adapters/wiring.ts';
import { distributeCircular, getCircular } from '../circulars/operations.ts';
import { ConflictError, ValidationError } from '../errors.ts';
import { httpHandler } from '../http/handler.ts';
import { formErrors } from '../pages/console.ts';
import { circularPage } from '../pages/console-circular.ts';
import { routeFor } from '../routes.ts';

/** Emails an issued circular to its lists (never twice to anyone); back to its page, which shows the progress. */
export const handler = httpHandler(
  routeFor('POST /console/circulars/{circularId}/distribute'),
  async ({ params, identity }) => {
    const deps = circularsDeps();
    const circularId = params.circularId ?? '';
    try {
      const progress = await distributeCircular(deps, circularId);
      const done = `distribution to ${progress.recipients} recipient${progress.recipients === 1 ? '' : 's'} started`;
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
          : { distribution: error.message };
      return circularPage(deps, circular, { identity, statusCode: error.statusCode, errors });
    }
  },
);

import { circularsDeps } from '../adapters/wiring/circulars.ts';
import { allCircularSequences, setCircularSequence } from '../circulars/operations.ts';
import { ConflictError, ValidationError } from '../errors.ts';
import { httpHandler } from '../http/handler.ts';
import { html } from '../http/responses.ts';
import { sequencesPage } from '../pages/console.ts';
import { renderPage } from '../pages/render.ts';
import { routeFor } from '../routes.ts';

/** Starts a body's sequence at a number, with the reason; errors come back beside that body's form. */
export const handler = httpHandler(
  routeFor('POST /console/circular-sequences/{bureau}'),
  async ({ params, body, identity }) => {
    const bureau = params.bureau ?? '';
    const fields = (body ?? {}) as Record<string, unknown>;
    const next =
      typeof fields.next === 'string' && /^\d+$/.test(fields.next.trim()) ? Number(fields.next) : fields.next;
    try {
      await setCircularSequence(
        circularsDeps(),
        bureau,
        { next, reason: fields.reason },
        identity?.email ?? 'secretariat',
      );
      return {
        statusCode: 303,
        headers: { location: `/console/circular-sequences?saved=${encodeURIComponent(bureau)}` },
        body: '',
      };
    } catch (error) {
      if (!(error instanceof ValidationError) && !(error instanceof ConflictError)) throw error;
      const errors =
        error instanceof ValidationError
          ? (error.extensions.errors as Record<string, string>)
          : { next: error.message };
      const sequences = await allCircularSequences(circularsDeps());
      const page = sequencesPage({ sequences, identity, failed: { bureau, values: fields, errors } });
      return html(error.statusCode, renderPage('console-sequences', page));
    }
  },
);

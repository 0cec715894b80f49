import { circularsDeps } from '../adapters/wiring/circulars.ts';
import { getCircular, updateCircularDraft } from '../circulars/operations.ts';
import { ConflictError, ValidationError } from '../errors.ts';
import { httpHandler } from '../http/handler.ts';
import { circularInputFromForm, distributionFromForm, formErrors } from '../pages/console.ts';
import { circularPage } from '../pages/console-circular.ts';
import { routeFor } from '../routes.ts';

/** Saves the editor; errors come back beside the fields, with what was typed. */
export const handler = httpHandler(
  routeFor('POST /console/circulars/{circularId}'),
  async ({ params, body, identity }) => {
    const deps = circularsDeps();
    const circularId = params.circularId ?? '';
    const fields = (body ?? {}) as Record<string, unknown>;
    const str = (value: unknown) => (typeof value === 'string' ? value : '');
    const current = await getCircular(deps, circularId);
    // An issued circular keeps its text; only the lists it is sent to can still be chosen.
    // (Text sent to an issued circular goes to the domain, which refuses it.)
    const editsText = Object.keys(fields).some((key) => key.startsWith('content.'));
    const { input, fieldOf } =
      current.status === 'issued' && !editsText
        ? {
            input: { version: Number(str(fields.version)), distribution: distributionFromForm(fields) },
            fieldOf: (key: string) => key.replace(/\.\d+$/, ''),
          }
        : circularInputFromForm(fields, current.languages);
    try {
      const saved = await updateCircularDraft(deps, circularId, input);
      // Back where the Save button was (a language's editor beside its refreshed preview), not at the top.
      const at = /^editor-[a-z]{2}$/.test(str(fields.at)) ? `#${str(fields.at)}` : '';
      return {
        statusCode: 303,
        headers: { location: `/console/circulars/${encodeURIComponent(saved.circularId)}?saved=1${at}` },
        body: '',
      };
    } catch (error) {
      if (!(error instanceof ValidationError) && !(error instanceof ConflictError)) throw error;
      const circular = await getCircular(deps, circularId);
      const errors =
        error instanceof ValidationError
          ? formErrors(error.extensions.errors as Record<string, string>, fieldOf)
          : { version: `Not saved: ${error.message}` };
      // An issued circular is shown as it is; a draft keeps what was typed.
      const values = circular.status === 'issued' ? undefined : fields;
      return circularPage(deps, circular, { identity, statusCode: error.statusCode, values, errors });
    }
  },
);

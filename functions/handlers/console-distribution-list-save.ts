import { circularsDeps } from '../adapters/wiring/circulars.ts';
import type { DistributionList } from '../circulars/circular.ts';
import { getDistributionList, saveDistributionList } from '../circulars/operations.ts';
import { NotFoundError, ValidationError } from '../errors.ts';
import { httpHandler } from '../http/handler.ts';
import { html } from '../http/responses.ts';
import { distributionListFromForm, distributionListPage } from '../pages/console.ts';
import { renderPage } from '../pages/render.ts';
import { routeFor } from '../routes.ts';

/** Creates or replaces a distribution list from its form; errors name the member's line. */
export const handler = httpHandler(
  routeFor('POST /console/distribution-lists/{listId}'),
  async ({ params, body, identity }) => {
    const deps = circularsDeps();
    const listId = params.listId ?? '';
    const fields = (body ?? {}) as Record<string, unknown>;
    const { input, errorsOf } = distributionListFromForm(fields);
    try {
      await saveDistributionList(deps, listId, input);
      return {
        statusCode: 303,
        headers: { location: `/console/distribution-lists/${encodeURIComponent(listId)}?saved=1` },
        body: '',
      };
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      let list: DistributionList | undefined;
      try {
        list = await getDistributionList(deps, listId);
      } catch (notFound) {
        if (!(notFound instanceof NotFoundError)) throw notFound;
      }
      const errors = errorsOf(error.extensions.errors as Record<string, string>);
      const page = distributionListPage({ listId, list, identity, values: fields, errors });
      return html(400, renderPage('console-distribution-list', page));
    }
  },
);

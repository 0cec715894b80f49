import { hubsDeps } from '../adapters/wiring/hubs.ts';
import { httpHandler } from '../http/handler.ts';
import { html } from '../http/responses.ts';
import { hubYearConsolePage } from '../hubs/console.ts';
import { checkYear, getHubYear } from '../hubs/operations.ts';
import { renderPage } from '../pages/render.ts';
import { routeFor } from '../routes.ts';

export const handler = httpHandler(
  routeFor('GET /console/hubs/{hubId}/years/{year}'),
  async ({ params, identity, query }) => {
    const deps = hubsDeps();
    const view = await getHubYear(deps, identity, params.hubId ?? '', checkYear(params.year, deps.now()));
    return html(
      200,
      renderPage('console-hub-year', hubYearConsolePage(view, identity, { done: query.done, error: query.error })),
      { 'cache-control': 'no-store' },
    );
  },
);

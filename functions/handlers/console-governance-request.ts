import { governanceDeps } from '../adapters/wiring/governance.ts';
import { consoleRequest } from '../governance/index.ts';
import { httpHandler } from '../http/handler.ts';
import { html } from '../http/responses.ts';
import { governanceRequestPage } from '../pages/console-governance.ts';
import { renderPage } from '../pages/render.ts';
import { routeFor } from '../routes.ts';

export const handler = httpHandler(
  routeFor('GET /console/governance/requests/{requestId}'),
  async ({ identity, params, query }) => {
    const { view, waiting } = await consoleRequest(governanceDeps(), identity, params.requestId ?? '');
    const page = governanceRequestPage({ view, identity, waiting, flash: query.done, error: query.error });
    return html(200, renderPage('console-governance-request', page), { 'cache-control': 'no-store' });
  },
  { pageCounts: true },
);

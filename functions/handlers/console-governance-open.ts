import { governanceDeps } from '../adapters/wiring/governance.ts';
import { consoleOpen, list } from '../governance/index.ts';
import { httpHandler } from '../http/handler.ts';
import { html } from '../http/responses.ts';
import { governanceListPage } from '../pages/console-governance.ts';
import { renderPage } from '../pages/render.ts';
import { routeFor } from '../routes.ts';

/** The console's form to open a request: 303 to the request opened, or the form again with its values and the reasons per field. */
export const handler = httpHandler(
  routeFor('POST /console/governance'),
  async ({ identity, body }) => {
    const outcome = await consoleOpen(governanceDeps(), identity, body);
    if ('opened' in outcome) {
      const done = encodeURIComponent(`Opened: the request is now ${outcome.opened.state}.`);
      return {
        statusCode: 303,
        headers: { location: `/console/governance/requests/${outcome.opened.requestId}?done=${done}` },
        body: '',
      };
    }
    const page = governanceListPage({
      listing: await list(governanceDeps(), identity, {}),
      identity,
      filter: {},
      open: { kind: outcome.kind, state: { values: outcome.values, errors: outcome.errors, error: outcome.error } },
    });
    return html(outcome.status, renderPage('console-governance', page), { 'cache-control': 'no-store' });
  },
  { pageCounts: true },
);

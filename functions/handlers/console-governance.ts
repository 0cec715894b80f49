import { governanceDeps } from '../adapters/wiring/governance.ts';
import { list } from '../governance/index.ts';
import type { Kind } from '../governance/kinds.ts';
import { httpHandler } from '../http/handler.ts';
import { html } from '../http/responses.ts';
import { governanceListPage } from '../pages/console-governance.ts';
import { renderPage } from '../pages/render.ts';
import { routeFor } from '../routes.ts';

export const handler = httpHandler(
  routeFor('GET /console/governance'),
  async ({ identity, query }) => {
    const listing = await list(governanceDeps(), identity, query);
    const page = governanceListPage({
      listing,
      identity,
      filter: { kind: query.kind, q: query.q, waiting: query.waiting === 'me' },
      open: query.open ? { kind: query.open as Kind } : undefined,
    });
    return html(200, renderPage('console-governance', page), { 'cache-control': 'no-store' });
  },
  { pageCounts: true },
);

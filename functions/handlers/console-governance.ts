import { governanceDeps, structureDeps } from '../adapters/wiring/governance.ts';
import { list } from '../governance/index.ts';
import type { Kind } from '../governance/kinds.ts';
import { workPlanDraft } from '../governance/structure.ts';
import { httpHandler } from '../http/handler.ts';
import { html } from '../http/responses.ts';
import { governanceListPage } from '../pages/console-governance.ts';
import { renderPage } from '../pages/render.ts';
import { routeFor } from '../routes.ts';

export const handler = httpHandler(
  routeFor('GET /console/governance'),
  async ({ identity, query }) => {
    const listing = await list(governanceDeps(), identity, query);
    // The secretariat starts the year's work plan from the draft compiled from its inputs.
    const draft =
      query.open === 'work-plan' && query.year
        ? await workPlanDraft(structureDeps(), identity, Number(query.year))
        : undefined;
    const page = governanceListPage({
      listing,
      identity,
      filter: { kind: query.kind, q: query.q, waiting: query.waiting === 'me' },
      open: query.open
        ? {
            kind: query.open as Kind,
            ...(draft ? { state: { values: { year: query.year ?? '', draft }, errors: {} } } : {}),
          }
        : undefined,
    });
    return html(200, renderPage('console-governance', page), { 'cache-control': 'no-store' });
  },
  { pageCounts: true },
);

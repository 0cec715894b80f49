import { structureDeps } from '../adapters/wiring/governance.ts';
import { structure } from '../governance/structure.ts';
import { httpHandler } from '../http/handler.ts';
import { html } from '../http/responses.ts';
import { governanceStructurePage } from '../pages/console-governance.ts';
import { renderPage } from '../pages/render.ts';
import { routeFor } from '../routes.ts';

export const handler = httpHandler(routeFor('GET /console/governance/structure'), async ({ identity, query }) => {
  const page = governanceStructurePage({
    structure: await structure(structureDeps(), identity),
    identity,
    flash: query.done,
    edit: query.edit,
  });
  return html(200, renderPage('console-governance-structure', page), { 'cache-control': 'no-store' });
});

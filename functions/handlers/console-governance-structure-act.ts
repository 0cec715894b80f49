import { structureDeps } from '../adapters/wiring/governance.ts';
import { consoleStructureAct } from '../governance/structure.ts';
import { httpHandler } from '../http/handler.ts';
import { html } from '../http/responses.ts';
import { governanceStructurePage } from '../pages/console-governance.ts';
import { renderPage } from '../pages/render.ts';
import { routeFor } from '../routes.ts';

/** A console form of the structure page: 303 back with what was done, or the form again with its values and the reasons per field. */
export const handler = httpHandler(routeFor('POST /console/governance/structure'), async ({ identity, body }) => {
  const outcome = await consoleStructureAct(structureDeps(), identity, body);
  if ('done' in outcome) {
    return {
      statusCode: 303,
      headers: { location: `/console/governance/structure?done=${encodeURIComponent(outcome.done)}` },
      body: '',
    };
  }
  const page = governanceStructurePage({
    structure: outcome.structure,
    identity,
    error: outcome.error,
    sent: { status: outcome.status, values: outcome.values, errors: outcome.errors },
  });
  return html(outcome.status, renderPage('console-governance-structure', page), { 'cache-control': 'no-store' });
});

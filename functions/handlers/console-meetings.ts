import { now } from '../adapters/wiring/core.ts';
import { dashboardDeps } from '../adapters/wiring/dashboard.ts';
import { consoleDashboard } from '../dashboard/dashboard.ts';
import { httpHandler } from '../http/handler.ts';
import { html } from '../http/responses.ts';
import { consoleDashboardPage } from '../pages/console.ts';
import { renderPage } from '../pages/render.ts';
import { routeFor } from '../routes.ts';

/** The console's first page: the dashboard, with every meeting. */
export const handler = httpHandler(routeFor('GET /console'), async ({ identity }) => {
  const dashboard = await consoleDashboard(dashboardDeps());
  return html(200, renderPage('console-meetings', consoleDashboardPage(dashboard, identity, now())), {
    'cache-control': 'no-store',
  });
});

import { hubsDeps } from '../adapters/wiring/hubs.ts';
import { httpHandler } from '../http/handler.ts';
import { csv, html } from '../http/responses.ts';
import { hubsConsolePage } from '../hubs/console.ts';
import { listHubsFor } from '../hubs/operations.ts';
import { defaultPortfolioYears, hubPortfolio, portfolioCsv } from '../hubs/portfolio.ts';
import { renderPage } from '../pages/render.ts';
import { routeFor } from '../routes.ts';

/** The secretariat's portfolio (hubs × years; `?format=csv`), or a hub's own hubs. */
export const handler = httpHandler(routeFor('GET /console/hubs'), async ({ identity, query }) => {
  const deps = hubsDeps();
  const secretariat = identity?.roles.includes('secretariat') ?? false;
  const portfolio = secretariat ? await hubPortfolio(deps, defaultPortfolioYears(deps.now())) : undefined;
  if (portfolio && query.format === 'csv') return csv('hub-portfolio.csv', portfolioCsv(portfolio));
  const own = secretariat ? [] : await listHubsFor(deps, identity);
  return html(
    200,
    renderPage('console-hubs', hubsConsolePage({ identity, portfolio, own, thisYear: deps.now().getUTCFullYear() })),
    { 'cache-control': 'no-store' },
  );
});

import { hubsDeps } from '../adapters/wiring/hubs.ts';
import { ValidationError } from '../errors.ts';
import { httpHandler } from '../http/handler.ts';
import { csv, json } from '../http/responses.ts';
import { defaultPortfolioYears, hubPortfolio, portfolioCsv } from '../hubs/portfolio.ts';
import { routeFor } from '../routes.ts';

/** Hubs × years for the secretariat: `?years=2024,2025`, `?format=csv`. */
export const handler = httpHandler(routeFor('GET /api/hub-portfolio'), async ({ query }) => {
  const deps = hubsDeps();
  const years = query.years ? query.years.split(',').map((y) => Number(y.trim())) : defaultPortfolioYears(deps.now());
  if (years.length > 10 || years.some((y) => !Number.isInteger(y) || y < 2015 || y > 2100))
    throw new ValidationError('The years are not valid.', { years: 'Give up to ten years, e.g. 2024,2025.' });
  const portfolio = await hubPortfolio(deps, years);
  if (query.format === 'csv') return csv('hub-portfolio.csv', portfolioCsv(portfolio));
  return json(200, portfolio);
});

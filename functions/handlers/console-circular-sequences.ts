import { circularsDeps } from '../adapters/wiring/circulars.ts';
import { allCircularSequences } from '../circulars/operations.ts';
import { httpHandler } from '../http/handler.ts';
import { html } from '../http/responses.ts';
import { sequencesPage } from '../pages/console.ts';
import { renderPage } from '../pages/render.ts';
import { routeFor } from '../routes.ts';

/** Each issuing body's next number, the highest issued, and every change the secretariat made. */
export const handler = httpHandler(routeFor('GET /console/circular-sequences'), async ({ query, identity }) => {
  const sequences = await allCircularSequences(circularsDeps());
  const flash = query.saved ? `The ${query.saved} sequence was changed.` : null;
  return html(200, renderPage('console-sequences', sequencesPage({ sequences, identity, flash })), {
    'cache-control': 'no-store',
  });
});

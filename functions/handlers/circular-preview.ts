import { circularsDeps } from '../adapters/wiring/circulars.ts';
import { previewCircularPdf } from '../circulars/operations.ts';
import { httpHandler } from '../http/handler.ts';
import { pdf } from '../http/responses.ts';
import { routeFor } from '../routes.ts';

export const handler = httpHandler(routeFor('GET /api/circulars/{circularId}/preview.pdf'), async ({ params, query }) =>
  pdf(
    `preview-${query.lang ?? 'en'}.pdf`,
    await previewCircularPdf(circularsDeps(), params.circularId ?? '', query.lang),
    'inline',
  ),
);

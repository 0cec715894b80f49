import { circularsDeps } from '../adapters/wiring/circulars.ts';
import { previewCircularPdf } from '../circulars/operations.ts';
import { httpHandler } from '../http/handler.ts';
import { pdf, warningHeaders } from '../http/responses.ts';
import { routeFor } from '../routes.ts';

/**
 * A draft as PDF. Headers warn of what the preview cannot show by itself: `x-content-fallback`
 * names the meeting facts this language still takes from English, `x-missing-glyphs` the
 * characters no font prints (each as U+XXXX).
 */
export const handler = httpHandler(
  routeFor('GET /api/circulars/{circularId}/preview.pdf'),
  async ({ params, query }) => {
    const preview = await previewCircularPdf(circularsDeps(), params.circularId ?? '', query.lang);
    return pdf(`preview-${preview.lang}.pdf`, preview.pdf, 'inline', warningHeaders(preview.warnings));
  },
);

import { circularsDeps } from '../adapters/wiring/circulars.ts';
import { previewCircularPdf } from '../circulars/operations.ts';
import { ValidationError } from '../errors.ts';
import { httpHandler } from '../http/handler.ts';
import { html, pdf, warningHeaders } from '../http/responses.ts';
import { circularFieldLabel } from '../pages/console.ts';
import { renderPage } from '../pages/render.ts';
import { routeFor } from '../routes.ts';

/**
 * A draft's PDF, shown in a frame of the console's editor: unlike every other response it may
 * be framed, by the console's own pages only. An incomplete draft answers a small page that
 * says what is missing.
 */
const FRAMED_BY_SELF = {
  'x-frame-options': 'SAMEORIGIN',
  'content-security-policy':
    "default-src 'self'; style-src 'self' 'unsafe-inline'; frame-ancestors 'self'; form-action 'self'",
  'cache-control': 'no-store',
};

export const handler = httpHandler(
  routeFor('GET /console/circulars/{circularId}/preview.pdf'),
  async ({ params, query }) => {
    const lang = query.lang ?? 'en';
    try {
      const preview = await previewCircularPdf(circularsDeps(), params.circularId ?? '', query.lang);
      return pdf(`preview-${lang}.pdf`, preview.pdf, 'inline', {
        ...FRAMED_BY_SELF,
        ...warningHeaders(preview.warnings),
      });
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      const errors = error.extensions.errors as Record<string, string>;
      const page = renderPage('console-circular-preview', {
        title: 'Preview not available',
        consoleUser: null,
        refreshSeconds: null,
        wide: null,
        detail: error.message,
        problems: Object.entries(errors).map(([name, message]) => ({ label: circularFieldLabel(name), message })),
      });
      return html(400, page, FRAMED_BY_SELF);
    }
  },
);

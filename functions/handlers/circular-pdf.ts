import { circularsDeps } from '../adapters/wiring/circulars.ts';
import { issuedCircularPdf } from '../circulars/operations.ts';
import { NotFoundError } from '../errors.ts';
import { httpHandler } from '../http/handler.ts';
import { pdf } from '../http/responses.ts';
import { routeFor } from '../routes.ts';

/** Issued circulars are public documents: /circulars/{id}/ru.pdf */
export const handler = httpHandler(routeFor('GET /circulars/{circularId}/{file}'), async ({ params }) => {
  const lang = /^([a-z]{2})\.pdf$/.exec(params.file ?? '')?.[1];
  if (!lang) throw new NotFoundError('Ask for <language>.pdf, e.g. en.pdf.');
  const { circular, document, pdf: body } = await issuedCircularPdf(circularsDeps(), params.circularId ?? '', lang);
  if (document.lang !== lang) throw new NotFoundError(`The circular has no ${lang} version.`);
  return pdf(`${circular.bureau}-Circular-${circular.number}-${lang}.pdf`, body, 'inline', {
    etag: `"${document.sha256}"`,
    'x-content-sha256': document.sha256,
  });
});

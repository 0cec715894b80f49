import { governanceDocumentDeps } from '../adapters/wiring/governance-documents.ts';
import { NotFoundError } from '../errors.ts';
import { decisionRecordPdf } from '../governance/index.ts';
import { httpHandler } from '../http/handler.ts';
import { pdf } from '../http/responses.ts';
import { routeFor } from '../routes.ts';

/** The decision record of a counted electronic decision: …/decision/en.pdf or ru.pdf */
export const handler = httpHandler(
  routeFor('GET /api/governance/requests/{requestId}/decision/{file}'),
  async ({ identity, params }) => {
    const lang = /^([a-z]{2})\.pdf$/.exec(params.file ?? '')?.[1];
    if (!lang) throw new NotFoundError('Ask for <language>.pdf: en.pdf or ru.pdf.');
    const { pdf: body, filename } = await decisionRecordPdf(
      governanceDocumentDeps(),
      identity,
      params.requestId ?? '',
      lang,
    );
    return pdf(filename, body, 'inline');
  },
);

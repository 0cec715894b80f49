import { governanceDocumentDeps } from '../adapters/wiring/governance-documents.ts';
import { NotFoundError } from '../errors.ts';
import { decisionRecordPdf } from '../governance/index.ts';
import { httpHandler } from '../http/handler.ts';
import { pdf } from '../http/responses.ts';
import { routeFor } from '../routes.ts';

/** A request's document (decision record, consent letter, approved work plan) in a language: …/decision/fr.pdf */
export const handler = httpHandler(
  routeFor('GET /api/governance/requests/{requestId}/decision/{file}'),
  async ({ identity, params }) => {
    const lang = /^([a-z]{2})\.pdf$/.exec(params.file ?? '')?.[1];
    if (!lang) throw new NotFoundError('Ask for <language>.pdf: ar, en, es, fr, ru or zh.');
    const { pdf: body, filename } = await decisionRecordPdf(
      governanceDocumentDeps(),
      identity,
      params.requestId ?? '',
      lang,
    );
    return pdf(filename, body, 'inline');
  },
);

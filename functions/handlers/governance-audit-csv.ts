import { governanceDeps } from '../adapters/wiring/governance.ts';
import { csv as auditCsv } from '../governance/index.ts';
import { httpHandler } from '../http/handler.ts';
import { csv } from '../http/responses.ts';
import { routeFor } from '../routes.ts';

export const handler = httpHandler(
  routeFor('GET /api/governance/requests/{requestId}/audit.csv'),
  async ({ identity, params }) => {
    const requestId = params.requestId ?? '';
    return csv(`request-${requestId}-audit.csv`, await auditCsv(governanceDeps(), identity, requestId));
  },
);

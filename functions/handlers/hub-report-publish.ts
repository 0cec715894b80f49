import { hubReportsDeps } from '../adapters/wiring/hub-reports.ts';
import { parseBody } from '../http/body.ts';
import { httpHandler } from '../http/handler.ts';
import { json } from '../http/responses.ts';
import { checkYear } from '../hubs/operations.ts';
import { publishHubReport } from '../hubs/publish.ts';
import { hubReportPublishSchema } from '../hubs/schemas.ts';
import { routeFor } from '../routes.ts';

/** The secretariat publishes an accepted report: PDFs stored with their SHA-256, emails queued, lastReportYear set. */
export const handler = httpHandler(
  routeFor('POST /api/hubs/{hubId}/years/{year}/publish'),
  async ({ params, identity, body }) => {
    const deps = hubReportsDeps();
    const year = checkYear(params.year, deps.now());
    const { version } = parseBody(hubReportPublishSchema, body);
    return json(200, { report: await publishHubReport(deps, identity, params.hubId ?? '', year, version) });
  },
);

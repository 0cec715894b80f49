import { hubReportsDeps } from '../adapters/wiring/hub-reports.ts';
import { httpHandler } from '../http/handler.ts';
import { json } from '../http/responses.ts';
import { addAttachment } from '../hubs/attachments.ts';
import { checkYear } from '../hubs/operations.ts';
import { routeFor } from '../routes.ts';

/** The hub attaches a file to one of the year's activities (stored in S3 with its SHA-256). */
export const handler = httpHandler(
  routeFor('POST /api/hubs/{hubId}/years/{year}/attachments'),
  async ({ params, identity, body }) => {
    const deps = hubReportsDeps();
    const year = checkYear(params.year, deps.now());
    return json(201, { attachment: await addAttachment(deps, identity, params.hubId ?? '', year, body) });
  },
);

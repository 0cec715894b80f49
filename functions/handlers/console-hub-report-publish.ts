import { hubReportsDeps } from '../adapters/wiring/hub-reports.ts';
import { parseBody } from '../http/body.ts';
import { httpHandler } from '../http/handler.ts';
import { seeOther } from '../http/responses.ts';
import { problemText } from '../hubs/console.ts';
import { checkYear } from '../hubs/operations.ts';
import { publishHubReport } from '../hubs/publish.ts';
import { routeFor } from '../routes.ts';
import * as z from '../validation/zod.ts';

const formSchema = z.strictObject({ version: z.coerce.number().check(z.int(), z.gte(1)) });

export const handler = httpHandler(
  routeFor('POST /console/hubs/{hubId}/years/{year}/publish'),
  async ({ params, identity, body }) => {
    const deps = hubReportsDeps();
    const hubId = params.hubId ?? '';
    const year = checkYear(params.year, deps.now());
    const page = `/console/hubs/${encodeURIComponent(hubId)}/years/${year}`;
    const { version } = parseBody(formSchema, body);
    try {
      const report = await publishHubReport(deps, identity, hubId, year, version);
      return seeOther(
        `${page}?done=${encodeURIComponent(`Published in ${report.documents?.map((d) => d.lang).join(', ')}.`)}`,
      );
    } catch (error) {
      const text = problemText(error);
      if (!text || (error as { statusCode?: number }).statusCode === 403) throw error;
      return seeOther(`${page}?error=${encodeURIComponent(text)}`);
    }
  },
);

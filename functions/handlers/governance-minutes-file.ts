import { minutesDeps } from '../adapters/wiring/governance-documents.ts';
import { fileDownload } from '../files/uploads.ts';
import { minutesFile } from '../governance/structure.ts';
import { httpHandler } from '../http/handler.ts';
import { routeFor } from '../routes.ts';

/** The minutes of a deliverable's e-meeting, downloaded by anyone who may list them. */
export const handler = httpHandler(
  routeFor('GET /api/governance/deliverables/{deliverableId}/minutes/{minutesId}'),
  async ({ identity, params }) => {
    const { minutes, body } = await minutesFile(
      minutesDeps(),
      identity,
      params.deliverableId ?? '',
      params.minutesId ?? '',
    );
    return fileDownload(minutes, body);
  },
);

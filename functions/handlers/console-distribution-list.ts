import { circularsDeps } from '../adapters/wiring/circulars.ts';
import { meetingsDeps } from '../adapters/wiring/meetings.ts';
import type { DistributionList } from '../circulars/circular.ts';
import { getDistributionList, listDistributionLists } from '../circulars/operations.ts';
import { NotFoundError } from '../errors.ts';
import { httpHandler } from '../http/handler.ts';
import { html } from '../http/responses.ts';
import { listAllMeetings } from '../meetings/index.ts';
import { distributionListPage } from '../pages/console.ts';
import { renderPage } from '../pages/render.ts';
import { routeFor } from '../routes.ts';

/** A distribution list's editor (an unknown id starts a new list); without an id, a form asking for one. */
export const handler = httpHandler(
  routeFor('GET /console/distribution-lists/{listId}'),
  async ({ params, query, identity }) => {
    const wanted = query.listId?.trim();
    if (!params.listId && wanted)
      return {
        statusCode: 303,
        headers: { location: `/console/distribution-lists/${encodeURIComponent(wanted)}` },
        body: '',
      };
    const listId = params.listId ?? null;
    let list: DistributionList | undefined;
    if (listId) {
      try {
        list = await getDistributionList(circularsDeps(), listId);
      } catch (error) {
        if (!(error instanceof NotFoundError)) throw error;
      }
    }
    const flash = query.saved ? 'Saved.' : null;
    // The index (no id): every list. A list's page: the meetings it can be made from.
    const [lists, meetings] = await Promise.all([
      listId ? undefined : listDistributionLists(circularsDeps()),
      listId ? listAllMeetings(meetingsDeps()) : undefined,
    ]);
    const page = distributionListPage({
      listId,
      list,
      identity,
      flash,
      ...(lists ? { lists } : {}),
      ...(meetings ? { meetings } : {}),
    });
    return html(200, renderPage('console-distribution-list', page), {
      'cache-control': 'no-store',
    });
  },
);

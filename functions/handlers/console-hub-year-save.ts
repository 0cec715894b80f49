import { hubsDeps } from '../adapters/wiring/hubs.ts';
import { httpHandler } from '../http/handler.ts';
import { seeOther } from '../http/responses.ts';
import { hubYearChangeFromForm, outcomeOf, problemText } from '../hubs/console.ts';
import { changeHubYear, checkYear } from '../hubs/operations.ts';
import { routeFor } from '../routes.ts';

/** A console form on a hub's year: the same change as the API; back to the page with what happened. */
export const handler = httpHandler(
  routeFor('POST /console/hubs/{hubId}/years/{year}'),
  async ({ params, identity, body }) => {
    const deps = hubsDeps();
    const hubId = params.hubId ?? '';
    const year = checkYear(params.year, deps.now());
    const page = `/console/hubs/${encodeURIComponent(hubId)}/years/${year}`;
    try {
      const result = await changeHubYear(
        deps,
        identity,
        hubId,
        year,
        hubYearChangeFromForm((body ?? {}) as Record<string, unknown>),
      );
      return seeOther(`${page}?done=${encodeURIComponent(outcomeOf(result))}`);
    } catch (error) {
      const text = problemText(error);
      if (!text || (error as { statusCode?: number }).statusCode === 403) throw error;
      return seeOther(`${page}?error=${encodeURIComponent(text.slice(0, 1500))}`);
    }
  },
);

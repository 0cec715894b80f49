import { circularsDeps } from '../adapters/wiring/circulars.ts';
import { meetingsDeps } from '../adapters/wiring/meetings.ts';
import type { DistributionList } from '../circulars/circular.ts';
import { distributionListFromMeeting, getDistributionList, saveDistributionList } from '../circulars/operations.ts';
import { NotFoundError, ValidationError } from '../errors.ts';
import { parseBody } from '../http/body.ts';
import { httpHandler } from '../http/handler.ts';
import { html } from '../http/responses.ts';
import { listAllMeetings } from '../meetings/index.ts';
import { distributionListFromForm, distributionListPage } from '../pages/console.ts';
import { renderPage } from '../pages/render.ts';
import { routeFor } from '../routes.ts';
import * as z from '../validation/zod.ts';

/** The "from a meeting" form: the meeting, and the list's name (empty: one made from the meeting's title). */
export const fromMeetingForm = z.strictObject({
  fromMeeting: z.string().check(z.minLength(1, { error: 'Choose a meeting.' }), z.maxLength(100)),
  name: z.optional(z.string().check(z.maxLength(200))),
});

/**
 * Creates or replaces a distribution list from its form (errors name the member's line), or
 * from a meeting's approved registrants.
 */
export const handler = httpHandler(
  routeFor('POST /console/distribution-lists/{listId}'),
  async ({ params, body, identity }) => {
    const deps = circularsDeps();
    const listId = params.listId ?? '';
    const fields = (body ?? {}) as Record<string, unknown>;
    const fromMeeting = typeof fields.fromMeeting === 'string';
    const { input, errorsOf } = fromMeeting
      ? { input: undefined, errorsOf: (errors: Record<string, string>) => errors }
      : distributionListFromForm(fields);
    try {
      if (fromMeeting) {
        const form = parseBody(fromMeetingForm, body);
        await distributionListFromMeeting(deps, listId, { meetingId: form.fromMeeting, name: form.name });
      } else {
        await saveDistributionList(deps, listId, input);
      }
      return {
        statusCode: 303,
        headers: { location: `/console/distribution-lists/${encodeURIComponent(listId)}?saved=1` },
        body: '',
      };
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      let list: DistributionList | undefined;
      try {
        list = await getDistributionList(deps, listId);
      } catch (notFound) {
        if (!(notFound instanceof NotFoundError)) throw notFound;
      }
      const errors = errorsOf(error.extensions.errors as Record<string, string>);
      const meetings = await listAllMeetings(meetingsDeps());
      const values = fromMeeting ? { name: list?.name ?? '', fromMeeting: fields.fromMeeting } : fields;
      const page = distributionListPage({ listId, list, identity, values, errors, meetings });
      return html(400, renderPage('console-distribution-list', page));
    }
  },
);

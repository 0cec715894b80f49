import { registrationsDeps } from '../adapters/wiring/registrations.ts';
import { ValidationError } from '../errors.ts';
import { parseBody } from '../http/body.ts';
import { httpHandler } from '../http/handler.ts';
import { seeOther } from '../http/responses.ts';
import { bulkOutcome } from '../pages/console.ts';
import { decideRegistrations } from '../registrations/operations.ts';
import { decisionsForm } from '../registrations/requests.ts';
import { routeFor } from '../routes.ts';

/**
 * The bulk form: approve or reject the ticked registrations, then back to the list with what
 * happened to each ("2 approved, 1 put on the waiting list, 1 not changed: …"). Nothing
 * ticked stays on the list with a message.
 */
export const handler = httpHandler(
  routeFor('POST /console/meetings/{meetingId}/registrations'),
  async ({ params, body, identity, event }) => {
    const fields = parseBody(decisionsForm, body);
    const ids = fields.registrationIds;
    const back = (message: string) => seeOther(`${event.rawPath}?done=${encodeURIComponent(message)}`);
    try {
      const results = await decideRegistrations(
        registrationsDeps(),
        params.meetingId ?? '',
        { action: fields.action, reason: fields.reason, registrationIds: Array.isArray(ids) ? ids : ids ? [ids] : [] },
        identity?.email ?? 'secretariat',
      );
      return back(bulkOutcome(results));
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      const errors = error.extensions.errors as Record<string, string>;
      return back(
        errors.registrationIds === 'Give at least one registration id.'
          ? 'Nothing was changed: tick at least one registration first.'
          : `Nothing was changed: ${Object.values(errors).join(' ')}`,
      );
    }
  },
);

import { registrationsDeps } from '../adapters/wiring/registrations.ts';
import { ValidationError } from '../errors.ts';
import { parseBody } from '../http/body.ts';
import { httpHandler } from '../http/handler.ts';
import { seeOther } from '../http/responses.ts';
import { bulkOutcome } from '../pages/console.ts';
import { decideRegistrations } from '../registrations/operations.ts';
import { decisionsForm } from '../registrations/requests.ts';
import { routeFor } from '../routes.ts';

/** Where to go back to: the list with its query string, or a registration's own page; else the plain list. */
function backTo(path: string, back: string | undefined): string {
  if (back && /^\/[\w.-]{1,100}$/.test(back)) return `${path}${back}`;
  if (back && /^\?[^#\s]{0,1999}$/.test(back)) {
    const params = new URLSearchParams(back);
    const kept = new URLSearchParams();
    for (const key of ['status', 'q', 'sort', 'dir', 'page']) {
      const value = params.get(key);
      if (value) kept.set(key, value);
    }
    const query = kept.toString();
    return query ? `${path}?${query}` : path;
  }
  return path;
}

/**
 * The bulk form, and each row's own buttons: approve or reject the ticked registrations (or the
 * row's one), then back to where the form was with what happened to each ("2 approved, 1 put on
 * the waiting list, 1 not changed: …"). Nothing ticked stays on the list with a message.
 */
export const handler = httpHandler(
  routeFor('POST /console/meetings/{meetingId}/registrations'),
  async ({ params, body, identity, event }) => {
    const fields = parseBody(decisionsForm, body);
    const row = /^(approve|reject):(.+)$/.exec(fields.row ?? '');
    const ids = row ? [row[2] ?? ''] : fields.registrationIds;
    const target = backTo(event.rawPath, fields.back);
    const back = (message: string) =>
      seeOther(`${target}${target.includes('?') ? '&' : '?'}done=${encodeURIComponent(message)}`);
    try {
      const results = await decideRegistrations(
        registrationsDeps(),
        params.meetingId ?? '',
        {
          action: row ? row[1] : fields.action,
          reason: fields.reason,
          registrationIds: Array.isArray(ids) ? ids : ids ? [ids] : [],
        },
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

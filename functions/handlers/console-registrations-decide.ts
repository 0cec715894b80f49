import { registrationsDeps } from '../adapters/wiring/registrations.ts';
import { parseBody } from '../http/body.ts';
import { httpHandler } from '../http/handler.ts';
import { decideRegistrations } from '../registrations/operations.ts';
import { decisionsForm } from '../registrations/requests.ts';
import { routeFor } from '../routes.ts';

/** The bulk form: approve or reject the ticked registrations, then back to the list with a summary. */
export const handler = httpHandler(
  routeFor('POST /console/meetings/{meetingId}/registrations'),
  async ({ params, body, identity, event }) => {
    const fields = parseBody(decisionsForm, body);
    const ids = fields.registrationIds;
    const results = await decideRegistrations(
      registrationsDeps(),
      params.meetingId ?? '',
      { action: fields.action, reason: fields.reason, registrationIds: Array.isArray(ids) ? ids : ids ? [ids] : [] },
      identity?.email ?? 'secretariat',
    );
    const ok = results.filter((r) => r.ok).length;
    const failed = results.length - ok;
    const done = `${fields.action === 'reject' ? 'rejected' : 'approved'} ${ok}${failed ? `, ${failed} not changed (${results.find((r) => !r.ok)?.error ?? ''})` : ''}`;
    return { statusCode: 303, headers: { location: `${event.rawPath}?done=${encodeURIComponent(done)}` }, body: '' };
  },
);

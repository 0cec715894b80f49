import { circularsDeps } from '../adapters/wiring/circulars.ts';
import { deleteCircularDraft } from '../circulars/operations.ts';
import { ConflictError } from '../errors.ts';
import { parseBody } from '../http/body.ts';
import { httpHandler } from '../http/handler.ts';
import { seeOther } from '../http/responses.ts';
import { routeFor } from '../routes.ts';
import * as z from '../validation/zod.ts';

/** The delete form: the version the editor showed, and the tick that confirms it. */
export const deleteDraftForm = z.object({
  version: z.string().check(z.regex(/^\d{1,9}$/, { error: 'Not a version.' })),
  confirm: z.optional(z.literal('yes')),
});

/** Deletes a circular draft (never an issued one); without the confirming tick, nothing is deleted. */
export const handler = httpHandler(
  routeFor('POST /console/circulars/{circularId}/delete'),
  async ({ params, body }) => {
    const form = parseBody(deleteDraftForm, body);
    const circularId = params.circularId ?? '';
    const editor = `/console/circulars/${encodeURIComponent(circularId)}`;
    if (form.confirm !== 'yes') {
      return seeOther(`${editor}?done=${encodeURIComponent('nothing deleted: tick “Yes, delete this draft” first')}`);
    }
    try {
      await deleteCircularDraft(circularsDeps(), circularId, Number(form.version));
    } catch (error) {
      if (!(error instanceof ConflictError)) throw error;
      return seeOther(`${editor}?done=${encodeURIComponent(`nothing deleted: ${error.message.replace(/\.$/, '')}`)}`);
    }
    return seeOther(`/console/circulars?deleted=${encodeURIComponent(circularId)}`);
  },
);

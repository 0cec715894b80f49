import { emailLogDeps } from '../adapters/wiring/mail.ts';
import { ConflictError } from '../errors.ts';
import { parseBody } from '../http/body.ts';
import { httpHandler } from '../http/handler.ts';
import { safeNext } from '../identity/sign-in.ts';
import { resendEmail } from '../mail/log.ts';
import { routeFor } from '../routes.ts';
import * as z from '../validation/zod.ts';

export const resendBodySchema = z.object({
  /** The console page to go back to (a path of this site; anything else → the console home). */
  back: z.optional(z.string().check(z.maxLength(2000))),
});

/** The form is read (and refused whole) before anything is queued: a refused request sends nothing. */
export const handler = httpHandler(routeFor('POST /console/emails/{messageId}/resend'), async ({ params, body }) => {
  const input = parseBody(resendBodySchema, body);
  const back = safeNext(input.back ?? '/console/emails');
  let said: string;
  try {
    said = `queued again as ${await resendEmail(emailLogDeps(), params.messageId ?? '')}`;
  } catch (error) {
    // An obsolete message is refused with its reason, on the page the request came from.
    if (!(error instanceof ConflictError)) throw error;
    said = error.message;
  }
  return {
    statusCode: 303,
    headers: { location: `${back}${back.includes('?') ? '&' : '?'}done=${encodeURIComponent(said)}` },
    body: '',
  };
});

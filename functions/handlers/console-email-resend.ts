import { emailLogDeps } from '../adapters/wiring/mail.ts';
import { httpHandler } from '../http/handler.ts';
import { safeNext } from '../identity/sign-in.ts';
import { resendEmail } from '../mail/log.ts';
import { routeFor } from '../routes.ts';

export const handler = httpHandler(routeFor('POST /console/emails/{messageId}/resend'), async ({ params, body }) => {
  const copy = await resendEmail(emailLogDeps(), params.messageId ?? '');
  const back = safeNext(String((body as { back?: unknown } | undefined)?.back ?? '/console/emails'));
  return {
    statusCode: 303,
    headers: {
      location: `${back}${back.includes('?') ? '&' : '?'}done=${encodeURIComponent(`queued again as ${copy}`)}`,
    },
    body: '',
  };
});

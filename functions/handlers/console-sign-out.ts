import { signOutDeps } from '../adapters/wiring/sessions.ts';
import { parseBody } from '../http/body.ts';
import { httpHandler } from '../http/handler.ts';
import { SESSION_COOKIE, verifiedSession } from '../http/session.ts';
import { signOut } from '../identity/sessions.ts';
import { routeFor } from '../routes.ts';
import * as z from '../validation/zod.ts';

/** The sign-out form has no fields. */
export const signOutBody = z.object({});

export const handler = httpHandler(routeFor('POST /console/sign-out'), async ({ body, event }) => {
  parseBody(signOutBody, body);
  // Revoked on the server: the cookie, if kept or copied, opens no console page again.
  await signOut(signOutDeps(), await verifiedSession(event.cookies));
  return {
    statusCode: 303,
    headers: { location: '/', 'cache-control': 'no-store' },
    cookies: [`${SESSION_COOKIE}=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0`],
    body: '',
  };
});

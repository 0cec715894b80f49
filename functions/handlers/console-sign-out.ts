import * as z from 'zod';
import { parseBody } from '../http/body.ts';
import { httpHandler } from '../http/handler.ts';
import { SESSION_COOKIE } from '../http/session.ts';
import { routeFor } from '../routes.ts';

/** The sign-out form has no fields. */
export const signOutBody = z.object({});

export const handler = httpHandler(routeFor('POST /console/sign-out'), async ({ body }) => {
  parseBody(signOutBody, body);
  return {
    statusCode: 303,
    headers: { location: '/', 'cache-control': 'no-store' },
    cookies: [`${SESSION_COOKIE}=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0`],
    body: '',
  };
});

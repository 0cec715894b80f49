import { httpHandler } from '../http/handler.ts';
import { SESSION_COOKIE } from '../http/session.ts';
import { routeFor } from '../routes.ts';

export const handler = httpHandler(routeFor('POST /console/sign-out'), async () => ({
  statusCode: 303,
  headers: { location: '/' },
  cookies: [`${SESSION_COOKIE}=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0`],
  body: '',
}));

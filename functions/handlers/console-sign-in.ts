import { signInConfig } from '../adapters/wiring/identity.ts';
import { httpHandler } from '../http/handler.ts';
import { startSignIn } from '../identity/sign-in.ts';
import { routeFor } from '../routes.ts';

/** Sends the browser to the hosted login (on one machine the local gateway answers this path itself). */
export const handler = httpHandler(routeFor('GET /console/sign-in'), async ({ query }) => {
  const { location, cookie } = startSignIn(signInConfig(), query.next);
  return { statusCode: 303, headers: { location, 'cache-control': 'no-store' }, cookies: [cookie], body: '' };
});

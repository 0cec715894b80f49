import { exchangeCodeWithCognito } from '../adapters/cognito-oauth.ts';
import { signInConfig } from '../adapters/wiring/identity.ts';
import { httpHandler } from '../http/handler.ts';
import { readCookie, sessionCookie } from '../http/session.ts';
import { finishSignIn, SIGN_IN_COOKIE } from '../identity/sign-in.ts';
import { routeFor } from '../routes.ts';

export const handler = httpHandler(routeFor('GET /console/callback'), async ({ query, event }) => {
  const result = await finishSignIn(signInConfig(), exchangeCodeWithCognito, {
    code: query.code,
    state: query.state,
    cookie: readCookie(event.cookies, SIGN_IN_COOKIE),
  });
  return {
    statusCode: 303,
    headers: { location: result.location, 'cache-control': 'no-store' },
    cookies: [result.clearCookie, sessionCookie(result.idToken, result.expiresIn, true)],
    body: '',
  };
});

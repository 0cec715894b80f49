import { exchangeCodeWithCognito } from '../adapters/cognito-oauth.ts';
import { signInConfig } from '../adapters/wiring/identity.ts';
import { DomainError } from '../errors.ts';
import { httpHandler } from '../http/handler.ts';
import { readCookie, SESSION_ENV, sessionCookie } from '../http/session.ts';
import { finishSignIn, SIGN_IN_COOKIE } from '../identity/sign-in.ts';
import { routeFor } from '../routes.ts';

export const handler = httpHandler(routeFor('GET /console/callback'), async ({ query, event }) => {
  // Without a hosted login (one machine signs in at /console/sign-in), there is nothing to come back from.
  if (!process.env[SESSION_ENV.signInDomain]?.trim()) {
    throw new DomainError(
      404,
      'Not Found',
      'This platform has no hosted login to come back from: sign in at /console/sign-in.',
    );
  }
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

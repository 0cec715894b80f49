import { requireEnv } from '../../config.ts';
import { SESSION_ENV } from '../../http/session.ts';
import type { SignInConfig } from '../../identity/sign-in.ts';
import { once, publicBaseUrl } from './core.ts';

/** The console's hosted login (Cognito in AWS). */
export const signInConfig = /* @__PURE__ */ once(
  (): SignInConfig => ({
    domain: requireEnv(SESSION_ENV.signInDomain),
    clientId: requireEnv(SESSION_ENV.audience),
    redirectUri: `${publicBaseUrl()}/console/callback`,
  }),
);

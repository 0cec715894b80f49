import { ENV, optionalEnv } from '../../config.ts';
import type { RateLimiter } from '../../http/middleware.ts';
import type { RegistrationsDeps } from '../../registrations/ports.ts';
import { dynamoRateLimiter } from '../dynamodb/rate-limit.ts';
import { registrationStore } from '../dynamodb/registrations.ts';
import { store } from '../dynamodb/store.ts';
import { mailDispatcher } from '../mail-queue.ts';
import { now, once, publicBaseUrl } from './core.ts';

export const registrationsDeps = /* @__PURE__ */ once(
  (): RegistrationsDeps => ({
    store: registrationStore(store(), now),
    mail: mailDispatcher(),
    now,
    publicBaseUrl: publicBaseUrl(),
    contactEmail: optionalEnv(ENV.secretariatEmail, 'u4ssc@itu.int'),
  }),
);

/** Public writes per client and minute (RATE_LIMIT_PER_MINUTE, default 30). */
export const publicWriteLimiter = /* @__PURE__ */ once(
  (): RateLimiter =>
    dynamoRateLimiter(store(), { limit: Number(optionalEnv(ENV.rateLimitPerMinute, '30')), windowSeconds: 60 }),
);

import middy from '@middy/core';
import type { Context } from 'aws-lambda';
import type { RouteDefinition } from '../routes.ts';
import type { Identity } from './claims.ts';
import { consoleNavigation } from './console-navigation.ts';
import { invocationLogContext, withLogContext } from './log.ts';
import {
  authorize,
  checkPath,
  type HttpEvent,
  problemErrors,
  type RateLimiter,
  rateLimit,
  readBody,
  requestIdOf,
  securityHeaders,
} from './middleware.ts';
import type { HttpResponse } from './responses.ts';

export interface HttpRequest {
  event: HttpEvent;
  requestId: string;
  params: Record<string, string | undefined>;
  query: Record<string, string | undefined>;
  body: unknown;
  /** Present on routes that are not public. */
  identity: Identity | undefined;
}

/**
 * The one middy stack every HTTP handler uses. Requests pass check the path's ids → rate limit
 * → read the body → authorise → (on a console page, start counting the person's inbox) → the handler (which reads the body through its schema); errors
 * become problems, and every response, errors included, gets the security headers (middy runs
 * `after`/`onError` in reverse order of `use`). Responses of the console and of a registrant's
 * own pages (tokens, personal data) are never cached.
 */
export function httpHandler(
  route: Omit<RouteDefinition, 'fn'>,
  handle: (request: HttpRequest) => Promise<HttpResponse>,
  options: {
    parseBody?: boolean;
    maxBodyBytes?: number;
    rateLimiter?: () => RateLimiter;
    /** A console page that counts what waits for the person itself (the governance pages). */
    pageCounts?: boolean;
  } = {},
) {
  const limiter = options.rateLimiter;
  const noStore = route.access !== 'public' || /\{registrationId\}|^\w+ \/console\b/.test(route.routeKey);
  const stack = middy<HttpEvent, HttpResponse, Error, Context>()
    .use(securityHeaders({ noStore }))
    .use(problemErrors())
    .use(checkPath())
    .use(limiter ? [rateLimit((client, now) => limiter()(client, now))] : [])
    .use(options.parseBody === false ? [] : [readBody(options.maxBodyBytes)])
    .use(authorize(route.access))
    .use(consoleNavigation(route, { pageCounts: options.pageCounts ?? false }))
    .handler(function routeHandler(event, context) {
      return handle({
        event,
        requestId: requestIdOf(event, context),
        params: event.pathParameters ?? {},
        query: event.queryStringParameters ?? {},
        body: event.parsedBody,
        identity: event.identity,
      });
    });
  // Every line logged while serving the request, middlewares included, carries its ids and route.
  return function serveRequest(event: HttpEvent, context: Context): Promise<HttpResponse> {
    const ids = invocationLogContext(context, event?.routeKey ?? route.routeKey, requestIdOf(event, context));
    return withLogContext(ids, () => stack(event, context));
  };
}

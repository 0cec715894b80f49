import type { Context } from 'aws-lambda';
import {
  CONSUMERS,
  FALLBACK_FUNCTION,
  FALLBACK_HANDLER,
  type FunctionName,
  handlersOf,
  JOBS,
  ROUTES,
} from '../routes.ts';

/**
 * A Lambda function serves every route (or job, or consumer) that names it in
 * functions/routes.ts. Its entry module (functions/lambdas/<name>.ts) imports those handler
 * modules statically, so the bundle carries them and nothing else, and hands them here; the
 * dispatcher checks at load time that they are exactly the handlers the table assigns to the
 * function, and routes each invocation by the event's route key (HTTP API payload v2) or job
 * name (EventBridge Scheduler input). The local runtime calls the same entries.
 *
 * Why not a router library (e.g. Powertools' event handler): API Gateway has already matched
 * the route and put its key in `event.routeKey`; what remains is a map lookup, and each
 * handler keeps its own middy stack (roles, body limits, rate limit) declared next to it.
 */
// biome-ignore lint/suspicious/noExplicitAny: a handler's event type is its own; the dispatcher only forwards it.
type Handler = (event: any, context: Context) => Promise<unknown>;

export type Handlers = Readonly<Record<string, Handler>>;

function checkHandlers(fn: FunctionName, handlers: Handlers): void {
  const expected = handlersOf(fn).sort();
  const given = Object.keys(handlers).sort();
  const missing = expected.filter((name) => !given.includes(name));
  const extra = given.filter((name) => !expected.includes(name));
  if (missing.length || extra.length) {
    throw new Error(
      `Function ${fn}: entry handlers do not match functions/routes.ts` +
        (missing.length ? `; missing ${missing.join(', ')}` : '') +
        (extra.length ? `; not assigned to it ${extra.join(', ')}` : ''),
    );
  }
}

function pick(handlers: Handlers, name: string): Handler {
  const handler = handlers[name];
  if (!handler) throw new Error(`No handler ${name}`);
  return handler;
}

/** The handler of an HTTP API function: routes by `event.routeKey`. */
export function routeDispatcher(fn: FunctionName, handlers: Handlers): Handler {
  checkHandlers(fn, handlers);
  const byRouteKey = new Map<string, Handler>(
    ROUTES.filter((route) => route.fn === fn).map((route) => [route.routeKey, pick(handlers, route.handler)]),
  );
  if (fn === FALLBACK_FUNCTION) byRouteKey.set('$default', pick(handlers, FALLBACK_HANDLER));
  return function dispatchRoute(event: { routeKey?: string }, context: Context) {
    const handler = byRouteKey.get(event?.routeKey ?? '');
    if (!handler) throw new Error(`Function ${fn} serves no route ${JSON.stringify(event?.routeKey)}`);
    return handler(event, context);
  };
}

/** The handler of the jobs function: routes by the schedule's `event.job`. */
export function jobDispatcher(fn: FunctionName, handlers: Handlers): Handler {
  checkHandlers(fn, handlers);
  const byJob = new Map<string, Handler>(
    JOBS.filter((job) => job.fn === fn).map((job) => [job.name, pick(handlers, job.handler)]),
  );
  return function dispatchJob(event: { job?: string }, context: Context) {
    const handler = byJob.get(event?.job ?? '');
    if (!handler) throw new Error(`Function ${fn} runs no job ${JSON.stringify(event?.job)}`);
    return handler(event, context);
  };
}

/** The handler of a queue consumer's function: its one handler, checked against the table. */
export function consumerEntry(fn: FunctionName, handlers: Handlers): Handler {
  checkHandlers(fn, handlers);
  const consumer = CONSUMERS.find((candidate) => candidate.fn === fn);
  if (!consumer) throw new Error(`Function ${fn} consumes nothing`);
  return pick(handlers, consumer.handler);
}

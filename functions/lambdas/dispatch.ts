import type { Context } from 'aws-lambda';
import {
  CONSUMERS,
  FALLBACK_FUNCTION,
  FALLBACK_HANDLER,
  type FunctionName,
  handlersOf,
  headRouteKey,
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

/** A HEAD request: the GET handler's status and headers, without the body. */
const withoutBody =
  (handler: Handler): Handler =>
  async (event, context) => {
    const response = (await handler(event, context)) as { body?: string; isBase64Encoded?: boolean } | undefined;
    return response && typeof response === 'object' ? { ...response, body: '', isBase64Encoded: false } : response;
  };

/** The handler of an HTTP API function: routes by `event.routeKey`. */
export function routeDispatcher(fn: FunctionName, handlers: Handlers): Handler {
  const routes: [string, string][] = ROUTES.filter((route) => route.fn === fn).map((r) => [r.routeKey, r.handler]);
  if (fn === FALLBACK_FUNCTION) routes.push(['$default', FALLBACK_HANDLER]);
  const dispatch = keyedDispatcher(fn, handlers, routes, (event) => event?.routeKey, 'serves no route');
  const heads = new Set(routes.flatMap(([key]) => headRouteKey(key) ?? []));
  return (event: { routeKey?: string }, context: Context) =>
    event?.routeKey && heads.has(event.routeKey)
      ? withoutBody(dispatch)({ ...event, routeKey: `GET ${event.routeKey.slice(5)}` }, context)
      : dispatch(event, context);
}

/** The key of a queue's records among a jobs function's entries: no job is named so. */
const QUEUE_RECORDS = 'sqs:records';

/**
 * The handler of the jobs function: routes by the schedule's `event.job`, and a batch of queue
 * records (the job queue's pieces of work) to the function's consumer.
 */
export function jobDispatcher(fn: FunctionName, handlers: Handlers): Handler {
  const jobs: [string, string][] = JOBS.filter((job) => job.fn === fn).map((job) => [job.name, job.handler]);
  const consumer = CONSUMERS.find((candidate) => candidate.fn === fn);
  if (consumer) jobs.push([QUEUE_RECORDS, consumer.handler]);
  return keyedDispatcher(
    fn,
    handlers,
    jobs,
    (event) => (Array.isArray(event?.Records) ? QUEUE_RECORDS : event?.job),
    'runs no job',
  );
}

/** Checks the handlers, then dispatches each event to the handler named for its key. */
function keyedDispatcher(
  fn: FunctionName,
  handlers: Handlers,
  entries: readonly [key: string, handler: string][],
  keyOf: (event: { routeKey?: string; job?: string; Records?: unknown } | undefined) => string | undefined,
  refusal: string,
): Handler {
  checkHandlers(fn, handlers);
  const byKey = new Map(entries.map(([key, name]) => [key, pick(handlers, name)]));
  return function dispatch(event: { routeKey?: string; job?: string; Records?: unknown }, context: Context) {
    const handler = byKey.get(keyOf(event) ?? '');
    if (!handler) throw new Error(`Function ${fn} ${refusal} ${JSON.stringify(keyOf(event))}`);
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

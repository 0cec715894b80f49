import { AsyncLocalStorage } from 'node:async_hooks';
import { mappedStack } from './stack-map.ts';

/**
 * Structured JSON logs, one line each, as CloudWatch Logs and the local console both read them.
 *
 * Every line written during an invocation carries that invocation's context: `requestId` (on
 * HTTP routes API Gateway's, the one a problem response quotes; otherwise Lambda's),
 * `awsRequestId` (Lambda's, when it is not `requestId`), `route` (the route key, `job:<name>`
 * or the consumer's name), `function` and, in Lambda with tracing on, the X-Ray `traceId`.
 * The entry points set it once (the HTTP middy stack in http/handler.ts, the job wrapper, the
 * two consumers); it lives in an `AsyncLocalStorage`, so code deep in a capability logs it
 * without being handed anything, and concurrent invocations in one process (the local runtime
 * serves many requests at once) each keep their own. A line written outside an invocation (a
 * cold start) has only `function`.
 *
 * Why this and not Powertools Logger: it would add ~24 KB to every bundle and change every call
 * site, and outside Lambda's multi-concurrency mode it keeps its keys in one object shared by
 * the whole process, so the local runtime's concurrent requests would mix their ids. Lambda's
 * JSON log format adds the request id only to `console.*` output, not to lines written here.
 */
type Level = 'debug' | 'info' | 'warn' | 'error';

export interface LogContext {
  /** API Gateway's request id on HTTP routes (see `requestIdOf`), Lambda's otherwise. */
  requestId?: string;
  /** Lambda's request id, when it is not `requestId`. */
  awsRequestId?: string;
  /** The route key, `job:<name>`, or the consumer's name. */
  route: string;
  function?: string;
  /** The X-Ray trace (`Root=` of `_X_AMZN_TRACE_ID`). */
  traceId?: string;
}

const invocation = new AsyncLocalStorage<LogContext>();

/**
 * The context of an invocation, from Lambda's context object, the route and, on HTTP routes,
 * the request id the caller is told.
 */
export function invocationLogContext(
  lambda: { awsRequestId?: string; functionName?: string } | undefined,
  route: string,
  requestId: string | undefined = lambda?.awsRequestId,
): LogContext {
  const awsRequestId = lambda?.awsRequestId;
  const fn = process.env.AWS_LAMBDA_FUNCTION_NAME ?? lambda?.functionName;
  const traceId = /(?:^|;)Root=([^;]+)/.exec(process.env._X_AMZN_TRACE_ID ?? '')?.[1];
  return {
    ...(requestId ? { requestId } : {}),
    ...(awsRequestId && awsRequestId !== requestId ? { awsRequestId } : {}),
    route,
    ...(fn ? { function: fn } : {}),
    ...(traceId ? { traceId } : {}),
  };
}

/** Runs `run` (and everything it starts) with `context` on every line it logs. */
export function withLogContext<T>(context: LogContext, run: () => T): T {
  return invocation.run(context, run);
}

export function log(level: Level, message: string, fields: Record<string, unknown> = {}): void {
  if (level === 'debug' && process.env.LOG_LEVEL !== 'debug') return;
  const context = invocation.getStore() ?? outsideInvocation();
  // The context's keys come first in the line, and a field of the same name cannot replace them.
  const line = JSON.stringify(
    { level, time: new Date().toISOString(), message, ...context, ...fields, ...context },
    errorReplacer,
  );
  if (level === 'error' || level === 'warn') process.stderr.write(`${line}\n`);
  else if (process.env.LOG_QUIET !== '1') process.stdout.write(`${line}\n`);
}

function outsideInvocation(): Partial<LogContext> {
  const fn = process.env.AWS_LAMBDA_FUNCTION_NAME;
  return fn ? { function: fn } : {};
}

function errorReplacer(_key: string, value: unknown): unknown {
  if (value instanceof Error) return { name: value.name, message: value.message, stack: mappedStack(value.stack) };
  return value;
}

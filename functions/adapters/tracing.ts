import { randomBytes } from 'node:crypto';
import { createSocket, type Socket } from 'node:dgram';

/**
 * X-Ray subsegments for the AWS SDK clients: `traced(client)` makes every command the client
 * sends appear in the invocation's trace as a subsegment named after the service (DynamoDB,
 * SESv2, S3, SQS) in the `aws` namespace, with the operation, region, request id, status,
 * retries, the table, queue or bucket, and the error/fault/throttle flags; and it names that
 * subsegment as the parent in the request's `X-Amzn-Trace-Id` header (which the SDK otherwise
 * fills from `_X_AMZN_TRACE_ID`), so SQS carries the trace on to the consumer.
 *
 * In Lambda with active tracing the runtime sets `_X_AMZN_TRACE_ID` (root, the function's
 * segment, sampled) for each invocation and runs an X-Ray daemon at `AWS_XRAY_DAEMON_ADDRESS`;
 * a subsegment is one JSON document sent to it over UDP, the same document aws-xray-sdk-core
 * sends there. Outside Lambda (the local runtime, the tests) `traced` returns the client
 * untouched; in Lambda a call made while the invocation is not sampled, or outside an
 * invocation, passes straight through. Nothing here can fail an SDK call: what cannot be sent
 * is dropped.
 *
 * Why not aws-xray-sdk-core's `captureAWSv3Client` or Powertools Tracer (which wraps it):
 * measured on a handler bundle, they add 114 KB and 126 KB minified (71 KB loading only the
 * SDK's v3 patcher and Lambda modules by internal path), against a 600 KB budget per bundle;
 * this adds about 2 KB and no dependency. What they do beyond it (sampling rules, segments
 * outside Lambda, HTTP and promise patching, annotations) is not used here.
 */

type Next = (args: BuildArgs) => Promise<BuildOutput>;
interface BuildArgs {
  input?: Record<string, unknown>;
  request?: { headers?: Record<string, string> };
}
interface BuildOutput {
  output?: { $metadata?: Metadata };
}
interface Metadata {
  httpStatusCode?: number;
  requestId?: string;
  attempts?: number;
}
interface HandlerContext {
  clientName?: string;
  commandName?: string;
}

/** The part of an AWS SDK v3 client that `traced` uses (`never`: any SDK client's overloads fit). */
export interface TraceableClient {
  middlewareStack: {
    add(middleware: never, options: { step: 'build'; name: string }): void;
    remove(name: string): boolean;
  };
  config: { region?: unknown };
}

export const TRACING_MIDDLEWARE = 'u4sscXRaySubsegment';

/** In a Lambda function (where active tracing is set up by the stack). */
const inLambda = () => Boolean(process.env.AWS_LAMBDA_FUNCTION_NAME && process.env.LAMBDA_TASK_ROOT);

/** Adds the X-Ray middleware to `client` in Lambda; elsewhere returns it as it is. */
export function traced<C extends TraceableClient>(client: C): C {
  if (!inLambda()) return client;
  client.middlewareStack.remove(TRACING_MIDDLEWARE);
  const middleware =
    (next: Next, context: HandlerContext): Next =>
    (args) =>
      subsegment(client, next, context, args);
  client.middlewareStack.add(middleware as never, { step: 'build', name: TRACING_MIDDLEWARE });
  return client;
}

interface TraceHeader {
  root: string;
  parent: string;
}

/** The invocation's trace, when it is sampled. */
export function currentTrace(header = process.env._X_AMZN_TRACE_ID): TraceHeader | undefined {
  const fields = Object.fromEntries((header ?? '').split(';').map((part) => part.trim().split('=', 2)));
  if (!fields.Root || !fields.Parent || fields.Sampled !== '1') return undefined;
  return { root: fields.Root, parent: fields.Parent };
}

async function subsegment(
  client: TraceableClient,
  next: Next,
  context: HandlerContext,
  args: BuildArgs,
): Promise<BuildOutput> {
  const trace = currentTrace();
  if (!trace) return next(args);
  const id = randomBytes(8).toString('hex');
  const start = Date.now() / 1000;
  if (args.request?.headers) args.request.headers['X-Amzn-Trace-Id'] = `Root=${trace.root};Parent=${id};Sampled=1`;
  let metadata: Metadata | undefined;
  let failure: (Error & { $metadata?: Metadata }) | undefined;
  try {
    const result = await next(args);
    metadata = result.output?.$metadata;
    return result;
  } catch (error) {
    failure = error as Error & { $metadata?: Metadata };
    metadata = failure?.$metadata;
    throw error;
  } finally {
    try {
      const region = await regionOf(client);
      emit({
        id,
        name: (context.clientName ?? 'AWS').replace(/Client$/, ''),
        start_time: start,
        end_time: Date.now() / 1000,
        namespace: 'aws',
        type: 'subsegment',
        trace_id: trace.root,
        parent_id: trace.parent,
        aws: {
          operation: (context.commandName ?? '').replace(/Command$/, ''),
          region,
          request_id: metadata?.requestId,
          retries: metadata?.attempts ? metadata.attempts - 1 : undefined,
          ...resourceOf(args.input),
        },
        ...(metadata?.httpStatusCode ? { http: { response: { status: metadata.httpStatusCode } } } : {}),
        ...(failure ? flags(failure, metadata?.httpStatusCode) : {}),
      });
    } catch {
      // Tracing never fails a call.
    }
  }
}

async function regionOf(client: TraceableClient): Promise<string | undefined> {
  const region = client.config.region;
  const value = typeof region === 'function' ? await region() : region;
  return typeof value === 'string' ? value : undefined;
}

/** The resource a command names, under the keys X-Ray's AWS SDK instrumentation uses. */
function resourceOf(input: Record<string, unknown> | undefined): Record<string, unknown> {
  if (!input) return {};
  const resource: Record<string, unknown> = {};
  if (typeof input.TableName === 'string') resource.table_name = input.TableName;
  if (typeof input.QueueUrl === 'string') resource.queue_url = input.QueueUrl;
  if (typeof input.Bucket === 'string') resource.bucket_name = input.Bucket;
  return resource;
}

/** 429 or a throttling error: throttle; other 4xx: error; 5xx or no answer at all: fault. */
function flags(error: Error, status: number | undefined): Record<string, unknown> {
  const throttled = status === 429 || /Throttl|TooManyRequests|LimitExceeded/.test(error.name);
  const fault = !throttled && (status === undefined || status >= 500);
  return {
    ...(fault ? { fault: true } : { error: true }),
    ...(throttled ? { throttle: true } : {}),
    cause: {
      exceptions: [{ id: randomBytes(8).toString('hex'), type: error.name, message: error.message, remote: true }],
    },
  };
}

let socket: Socket | undefined;

/** One document to the X-Ray daemon; dropped if it cannot be sent. */
function emit(document: Record<string, unknown>): void {
  const [host, port] = daemonAddress();
  socket ??= createSocket('udp4')
    .unref()
    .on('error', () => undefined);
  socket.send(`{"format":"json","version":1}\n${JSON.stringify(document)}`, port, host, () => undefined);
}

/** `AWS_XRAY_DAEMON_ADDRESS` is `host:port`, or `udp:host:port tcp:host:port`. */
export function daemonAddress(value = process.env.AWS_XRAY_DAEMON_ADDRESS): [string, number] {
  const udp = /(?:^|udp:)([^\s:]+):(\d+)(?=\s|$)/.exec(value ?? '');
  return udp?.[1] && udp[2] ? [udp[1], Number(udp[2])] : ['127.0.0.1', 2000];
}

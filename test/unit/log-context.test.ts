import { setTimeout as sleep } from 'node:timers/promises';
import type { Context } from 'aws-lambda';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { handler as sesEvents } from '../../functions/handlers/ses-events.ts';
import { httpHandler } from '../../functions/http/handler.ts';
import { log } from '../../functions/http/log.ts';
import { json } from '../../functions/http/responses.ts';
import { jobHandler } from '../../functions/jobs/handler.ts';

const ROUTE = { routeKey: 'GET /api/things/{id}', handler: 'things', access: 'public', description: '' } as const;

const context = (awsRequestId: string) =>
  ({ awsRequestId, functionName: 'site', getRemainingTimeInMillis: () => 10_000 }) as unknown as Context;

const event = (apiRequestId: string, id: string) =>
  ({
    version: '2.0',
    routeKey: ROUTE.routeKey,
    rawPath: `/api/things/${id}`,
    rawQueryString: '',
    headers: {},
    pathParameters: { id },
    requestContext: { requestId: apiRequestId, http: { method: 'GET', path: `/api/things/${id}` } },
    isBase64Encoded: false,
  }) as never;

/** Somewhere deep in a capability: logs after timers and awaits, knowing nothing of the request. */
async function deepInTheDomain(id: string, delayMs: number): Promise<void> {
  await sleep(delayMs);
  await Promise.resolve().then(() => log('info', 'Thing looked up', { thing: id }));
  await new Promise<void>((resolve) =>
    setImmediate(() => {
      log('warn', 'Thing is old', { thing: id });
      resolve();
    }),
  );
}

const lines: Record<string, unknown>[] = [];

beforeEach(() => {
  lines.length = 0;
  vi.stubEnv('LOG_QUIET', '0');
  vi.stubEnv('AWS_LAMBDA_FUNCTION_NAME', undefined);
  vi.stubEnv('_X_AMZN_TRACE_ID', undefined);
  for (const stream of [process.stdout, process.stderr]) {
    vi.spyOn(stream, 'write').mockImplementation((chunk: string | Uint8Array) => {
      lines.push(JSON.parse(String(chunk)) as Record<string, unknown>);
      return true;
    });
  }
});

afterEach(() => {
  vi.restoreAllMocks();
  vi.unstubAllEnvs();
});

describe('the invocation context on log lines', () => {
  it("a line logged deep inside an HTTP handler carries the request ids (API Gateway's and Lambda's), the route and the function", async () => {
    const handler = httpHandler(ROUTE, async ({ params }) => {
      await deepInTheDomain(params.id ?? '', 1);
      return json(200, {});
    });
    const response = await handler(event('api-1', 'a'), context('lambda-1'));
    expect(response.statusCode).toBe(200);
    expect(lines).toHaveLength(2);
    for (const line of lines) {
      expect(line).toMatchObject({
        requestId: 'api-1',
        awsRequestId: 'lambda-1',
        route: 'GET /api/things/{id}',
        function: 'site',
        thing: 'a',
      });
    }
  });

  it('takes the function name from AWS_LAMBDA_FUNCTION_NAME and the X-Ray trace from _X_AMZN_TRACE_ID', async () => {
    vi.stubEnv('AWS_LAMBDA_FUNCTION_NAME', 'u4ssc-Site');
    vi.stubEnv('_X_AMZN_TRACE_ID', 'Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1');
    const handler = httpHandler(ROUTE, async () => {
      log('info', 'Inside');
      return json(200, {});
    });
    await handler(event('same', 'a'), context('same'));
    expect(lines[0]).toEqual({
      level: 'info',
      time: expect.any(String),
      message: 'Inside',
      requestId: 'same',
      route: ROUTE.routeKey,
      function: 'u4ssc-Site',
      traceId: '1-5759e988-bd862e3fe1be46a994272793',
    });
  });

  it('two concurrent invocations keep their own ids', async () => {
    const handler = httpHandler(ROUTE, async ({ params }) => {
      const id = params.id ?? '';
      // The first request finishes last, so the two interleave.
      await deepInTheDomain(id, id === 'a' ? 30 : 5);
      return json(200, { id });
    });
    await Promise.all([
      handler(event('api-a', 'a'), context('lambda-a')),
      handler(event('api-b', 'b'), context('lambda-b')),
    ]);
    expect(lines.map((line) => line.thing)).toEqual(['b', 'b', 'a', 'a']);
    for (const line of lines) {
      expect(line.requestId).toBe(`api-${line.thing}`);
      expect(line.awsRequestId).toBe(`lambda-${line.thing}`);
    }
  });

  it('the 500 logged by the middleware carries the ids, which a field cannot replace', async () => {
    const handler = httpHandler(ROUTE, async () => {
      log('info', 'About to fail', { requestId: 'not-mine', route: 'elsewhere' });
      throw new Error('boom');
    });
    const response = await handler(event('api-9', 'x'), context('lambda-9'));
    expect(response.statusCode).toBe(500);
    expect(lines.map((line) => [line.message, line.requestId, line.awsRequestId, line.route])).toEqual([
      ['About to fail', 'api-9', 'lambda-9', ROUTE.routeKey],
      ['Unhandled error', 'api-9', 'lambda-9', ROUTE.routeKey],
    ]);
  });

  it('a job logs job:<name> as its route', async () => {
    const job = jobHandler('tidy-up', async () => {
      log('info', 'Tidied');
      return 1;
    });
    await job({ job: 'tidy-up', scheduledFor: '2026-01-01T00:00:00Z' }, context('job-1'));
    expect(lines.map((line) => [line.message, line.requestId, line.route])).toEqual([
      ['Job started', 'job-1', 'job:tidy-up'],
      ['Tidied', 'job-1', 'job:tidy-up'],
      ['Job finished', 'job-1', 'job:tidy-up'],
    ]);
  });

  it('a consumer logs its name as its route', async () => {
    const result = await sesEvents(
      { Records: [{ Sns: { Message: 'not json', MessageId: 'sns-1' } }] } as never,
      context('consumer-1'),
    );
    expect(result).toEqual({ results: ['unreadable'] });
    expect(lines).toMatchObject([
      { message: 'Unreadable SES event skipped', requestId: 'consumer-1', route: 'ses-events' },
    ]);
  });

  it('a line logged outside an invocation has no request id', () => {
    vi.stubEnv('AWS_LAMBDA_FUNCTION_NAME', 'u4ssc-Site');
    log('info', 'Cold start');
    expect(lines[0]).toEqual({
      level: 'info',
      time: expect.any(String),
      message: 'Cold start',
      function: 'u4ssc-Site',
    });
  });
});

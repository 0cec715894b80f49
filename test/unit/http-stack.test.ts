import type { Context } from 'aws-lambda';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { NotFoundError } from '../../functions/errors.ts';
import { httpHandler } from '../../functions/http/handler.ts';
import { locateJsonError, MAX_BODY_BYTES } from '../../functions/http/middleware.ts';
import { json } from '../../functions/http/responses.ts';

const context = { awsRequestId: 'lambda-req', getRemainingTimeInMillis: () => 10_000 } as unknown as Context;

function event(overrides: Record<string, unknown> = {}) {
  return {
    version: '2.0',
    routeKey: 'POST /test',
    rawPath: '/test',
    rawQueryString: '',
    headers: { 'content-type': 'application/json' },
    requestContext: { requestId: 'req-123', http: { method: 'POST', path: '/test' } },
    isBase64Encoded: false,
    ...overrides,
  } as never;
}

const echo = httpHandler(
  { routeKey: 'POST /test', handler: 'test', access: 'public', description: '' },
  async ({ body }) => json(200, { received: body }),
);
const secret = httpHandler(
  { routeKey: 'GET /secret', handler: 'test', access: ['secretariat'], description: '' },
  async ({ identity }) => json(200, identity),
);

const parse = (response: { body?: string }) => JSON.parse(response.body ?? '{}') as Record<string, unknown>;

afterEach(() => vi.restoreAllMocks());

describe('the HTTP middleware stack', () => {
  it('parses a JSON body', async () => {
    const response = await echo(event({ body: '{"a":[1,2]}' }), context);
    expect(response.statusCode).toBe(200);
    expect(parse(response)).toEqual({ received: { a: [1, 2] } });
  });

  it('answers malformed JSON with 400 and where parsing stopped', async () => {
    const response = await echo(event({ body: '{\n  "title": "x",\n  "number": }' }), context);
    expect(response.statusCode).toBe(400);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    const problem = parse(response);
    expect(problem).toMatchObject({ title: 'Bad Request', status: 400, position: 30, line: 3, column: 13 });
    expect(String(problem.detail)).toMatch(/^The body is not valid JSON: /);
  });

  it('parses a base64-encoded JSON body', async () => {
    const body = Buffer.from('{"name":"Женева"}').toString('base64');
    const response = await echo(event({ body, isBase64Encoded: true }), context);
    expect(parse(response)).toEqual({ received: { name: 'Женева' } });
  });

  it('refuses a JSON body over the limit with 413', async () => {
    const response = await echo(event({ body: `"${'x'.repeat(MAX_BODY_BYTES)}"` }), context);
    expect(response.statusCode).toBe(413);
  });

  it('turns a domain error into its problem with the request id', async () => {
    const handler = httpHandler({ routeKey: 'GET /x', handler: 'x', access: 'public', description: '' }, async () => {
      throw new NotFoundError('No such thing.');
    });
    const response = await handler(event(), context);
    expect(response.statusCode).toBe(404);
    expect(parse(response)).toMatchObject({
      title: 'Not Found',
      status: 404,
      detail: 'No such thing.',
      requestId: 'req-123',
    });
  });

  it('turns an unexpected error into a 500 with the request id and no stack, and logs it as JSON', async () => {
    const written: string[] = [];
    vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => {
      written.push(String(chunk));
      return true;
    });
    const handler = httpHandler({ routeKey: 'GET /x', handler: 'x', access: 'public', description: '' }, async () => {
      throw new TypeError('secret internals at /var/task/index.mjs');
    });
    const response = await handler(event(), context);
    expect(response.statusCode).toBe(500);
    expect(response.body).not.toContain('secret internals');
    expect(response.body).not.toContain('index.mjs');
    expect(parse(response)).toMatchObject({ status: 500, requestId: 'req-123' });
    expect(String(parse(response).detail)).toContain('req-123');
    const logged = written.map((line) => JSON.parse(line)).find((entry) => entry.message === 'Unhandled error');
    expect(logged).toMatchObject({
      level: 'error',
      requestId: 'req-123',
      error: { name: 'TypeError', message: expect.stringContaining('secret internals') },
    });
  });

  it('adds security headers to errors as well as successes', async () => {
    const ok = await echo(event({ body: '{}' }), context);
    const bad = await echo(event({ body: '{' }), context);
    expect(ok.headers['x-content-type-options']).toBe('nosniff');
    expect(bad.headers['x-content-type-options']).toBe('nosniff');
  });

  it('answers 401 when a protected route is reached without verified claims', async () => {
    const response = await secret(event({ headers: {} }), context);
    expect(response.statusCode).toBe(401);
    expect(response.headers['www-authenticate']).toMatch(/^Bearer/);
  });

  it('answers 403 for the wrong role and passes the identity for the right one', async () => {
    const withGroups = (groups: string) =>
      event({
        headers: {},
        requestContext: {
          requestId: 'r',
          http: { method: 'GET' },
          authorizer: { jwt: { claims: { sub: 's1', email: 'e@x.org', 'cognito:groups': groups } } },
        },
      });
    expect((await secret(withGroups('[partner hub]'), context)).statusCode).toBe(403);
    const allowed = await secret(withGroups('[partner secretariat]'), context);
    expect(allowed.statusCode).toBe(200);
    expect(parse(allowed)).toEqual({ subject: 's1', email: 'e@x.org', roles: ['partner', 'secretariat'] });
  });
});

describe('locating JSON errors', () => {
  it('falls back to the end of the text when the engine gives no position', () => {
    expect(locateJsonError('{"a":', new Error('Unexpected end of JSON input'))).toMatchObject({
      position: 5,
      line: 1,
      column: 6,
    });
  });
});

describe('the offset where JSON stops being valid', () => {
  const cases: [string, number][] = [
    ['{"a" 1}', 5],
    ['[1,2', 4],
    ['{"a":}', 5],
    ['{"a":1,}', 7],
    ['tru', 3],
    ['"abc', 4],
    ['"\\x"', 2],
    ['01', 1],
    ['{"a":1} x', 8],
    ['-', 0],
    ['', 0],
  ];
  it.each(cases)('%j fails at %i', (text, offset) => {
    expect(() => JSON.parse(text)).toThrow();
    expect(locateJsonError(text, new Error('x')).position).toBe(offset);
  });
});

describe('problem members', () => {
  it('an extension named like a standard member cannot replace it', async () => {
    const { DomainError } = await import('../../functions/errors.ts');
    const handler = httpHandler({ routeKey: 'GET /x', handler: 'x', access: 'public', description: '' }, async () => {
      throw new DomainError(409, 'Conflict', 'Clash.', { status: 'unverified', title: 'x', code: 'clash' });
    });
    const response = await handler(event(), context);
    expect(response.statusCode).toBe(409);
    expect(parse(response)).toMatchObject({ status: 409, title: 'Conflict', code: 'clash' });
  });
});

import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { APIGatewayProxyEventV2WithJWTAuthorizer, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import { withSecurityHeaders } from '../../functions/http/security-headers.ts';
import { sessionCookie } from '../../functions/http/session.ts';
import { safeNext } from '../../functions/identity/sign-in.ts';
import type { SesEvent } from '../../functions/mail/events.ts';
import {
  bearerRoles,
  FALLBACK_FUNCTION,
  type FunctionName,
  headRouteKey,
  ROUTES,
  type RouteDefinition,
} from '../../functions/routes.ts';
import type { Issuer } from './issuer.ts';
import { lambdaContext } from './lambda-context.ts';
import { DEMO_PEOPLE } from './seed-data.ts';
import { loadSesEventsHandler, snsEvent } from './ses-events.ts';

/**
 * The local API Gateway: matches a request to the route table, verifies the bearer token on
 * non-public routes as the JWT authorizer does, builds the HTTP API payload v2 event, and
 * calls the same handler module that Lambda runs.
 */
type LambdaHandler = (event: unknown, context: Context) => Promise<APIGatewayProxyStructuredResultV2>;

/** API Gateway HTTP APIs refuse request bodies over 10 MB. */
const MAX_PAYLOAD_BYTES = 10 * 1024 * 1024;

interface CompiledRoute {
  route: RouteDefinition;
  method: string;
  pattern: RegExp;
  params: string[];
  /** Literal segments rank before parameters, as in API Gateway. */
  specificity: number;
}

function compile(route: RouteDefinition): CompiledRoute {
  const [method = 'GET', path = '/'] = route.routeKey.split(' ');
  const params: string[] = [];
  const segments = path.split('/').filter(Boolean);
  const source = segments
    .map((segment) => {
      const greedy = /^\{(\w+)\+\}$/.exec(segment);
      if (greedy?.[1]) {
        params.push(greedy[1]);
        return '/(.+)';
      }
      const param = /^\{(\w+)\}$/.exec(segment);
      if (param?.[1]) {
        params.push(param[1]);
        return '/([^/]+)';
      }
      return `/${segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`;
    })
    .join('');
  return {
    route,
    method,
    pattern: new RegExp(`^${source || '/'}$`),
    params,
    specificity: segments.filter((s) => !s.startsWith('{')).length * 100 - params.length,
  };
}

export interface GatewayOptions {
  issuer: Issuer;
  /** Loads a Lambda function's entry by its name (functions/lambdas/<name>.ts). */
  loadHandler?: (fn: FunctionName) => Promise<LambdaHandler>;
}

/** The function's entry module, as Lambda runs it: it dispatches by the event's route key. */
export const loadFunction = async <H = LambdaHandler>(fn: FunctionName): Promise<H> => {
  const module = (await import(`../../functions/lambdas/${fn}.ts`)) as { handler: H };
  return module.handler;
};

export function createGateway(options: GatewayOptions) {
  const routes = ROUTES.map(compile).sort((a, b) => b.specificity - a.specificity);
  const load = options.loadHandler ?? loadFunction;
  const handlers = new Map<string, Promise<LambdaHandler>>();
  const handlerFor = (name: FunctionName) => {
    let handler = handlers.get(name);
    if (!handler) {
      handler = load(name);
      handlers.set(name, handler);
    }
    return handler;
  };

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const requestId = randomUUID();
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const method = (req.method ?? 'GET').toUpperCase();

    if (method === 'GET' && url.pathname === '/.well-known/jwks.json') {
      return send(res, {
        statusCode: 200,
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(options.issuer.publicJwks()),
      });
    }

    const body = await readBody(req);
    if (body === 'too-large') {
      return send(
        res,
        gatewayProblem(
          413,
          'Content Too Large',
          `Request bodies are limited to ${MAX_PAYLOAD_BYTES} bytes.`,
          requestId,
        ),
      );
    }
    if (url.pathname === LOCAL_SIGN_IN_PATH) return send(res, await localSignIn(options.issuer, method, url, body));
    if (url.pathname === LOCAL_SES_EVENTS_PATH && method === 'POST')
      return send(res, await localSesEvent(body, requestId));

    let match: { compiled: CompiledRoute; values: string[] } | undefined;
    for (const compiled of routes) {
      // HEAD is answered wherever GET is (as the stack routes it).
      const methodMatches =
        compiled.method === method || compiled.method === 'ANY' || (method === 'HEAD' && compiled.method === 'GET');
      if (!methodMatches) continue;
      const found = compiled.pattern.exec(url.pathname);
      if (found) {
        match = { compiled, values: found.slice(1) };
        break;
      }
    }

    const pathParameters: Record<string, string> = {};
    if (match) {
      for (const [index, name] of match.compiled.params.entries()) {
        try {
          pathParameters[name] = decodeURIComponent(match.values[index] ?? '');
        } catch {
          return send(res, gatewayProblem(400, 'Bad Request', 'The path is not validly percent-encoded.', requestId));
        }
      }
    }

    const route = match?.compiled.route;
    let claims: Record<string, string> | undefined;
    if (route && bearerRoles(route.access)) {
      const verified = await verifyBearer(options.issuer, req.headers.authorization);
      if ('problem' in verified)
        return send(
          res,
          gatewayProblem(401, 'Unauthorized', verified.problem, requestId, {
            'www-authenticate': 'Bearer realm="u4ssc"',
          }),
        );
      claims = verified.claims;
    }

    const routeKey = route
      ? method === 'HEAD'
        ? (headRouteKey(route.routeKey) ?? route.routeKey)
        : route.routeKey
      : '$default';
    const event = toEvent(req, url, method, body, requestId, routeKey, pathParameters, claims);
    const fn = route?.fn ?? FALLBACK_FUNCTION;
    const handler = await handlerFor(fn);
    const result = await handler(event, lambdaContext(fn, requestId));
    send(res, result);
  }

  return {
    /** Listens on 127.0.0.1 only; port 0 picks a free one. */
    listen(port: number): Promise<Server & { url: string }> {
      const server = createServer((req, res) => {
        handle(req, res).catch((error: unknown) => {
          process.stderr.write(
            `${JSON.stringify({ level: 'error', message: 'Gateway failure', error: String(error) })}\n`,
          );
          if (!res.headersSent)
            send(res, gatewayProblem(502, 'Bad Gateway', 'The handler failed to answer.', randomUUID()));
          else res.destroy();
        });
      });
      return new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, '127.0.0.1', () => {
          const { port: actual } = server.address() as AddressInfo;
          resolve(Object.assign(server, { url: `http://127.0.0.1:${actual}` }));
        });
      });
    },
  };
}

async function verifyBearer(
  issuer: Issuer,
  header: string | undefined,
): Promise<{ claims: Record<string, string> } | { problem: string }> {
  const token = /^Bearer\s+(\S+)$/i.exec(header ?? '')?.[1];
  if (!token) return { problem: 'Sign in: send an Authorization: Bearer <token> header.' };
  try {
    const payload = await issuer.verify(token);
    // API Gateway hands claims to the function as strings; arrays become "[a b]".
    const claims = Object.fromEntries(
      Object.entries(payload).map(([key, value]) => [
        key,
        Array.isArray(value) ? `[${value.join(' ')}]` : String(value),
      ]),
    );
    return { claims };
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code === 'ERR_JWT_EXPIRED') return { problem: 'The token has expired: sign in again.' };
    return { problem: 'The token is not valid (bad signature, issuer or audience).' };
  }
}

function readBody(req: IncomingMessage): Promise<Buffer | 'too-large'> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = false;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_PAYLOAD_BYTES) tooLarge = true;
      else chunks.push(chunk);
    });
    req.on('end', () => resolve(tooLarge ? 'too-large' : Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

const TEXTUAL = /^(text\/|application\/(json|[\w.+-]+\+json|x-www-form-urlencoded|xml|javascript))/i;

function toEvent(
  req: IncomingMessage,
  url: URL,
  method: string,
  body: Buffer,
  requestId: string,
  routeKey: string,
  pathParameters: Record<string, string>,
  claims: Record<string, string> | undefined,
): APIGatewayProxyEventV2WithJWTAuthorizer {
  const headers: Record<string, string> = {};
  const cookies: string[] = [];
  for (const [name, value] of Object.entries(req.headers)) {
    if (value === undefined) continue;
    if (name === 'cookie') cookies.push(...String(value).split(/;\s*/));
    else headers[name] = Array.isArray(value) ? value.join(',') : value;
  }
  const query: Record<string, string> = {};
  for (const [name, value] of url.searchParams) query[name] = name in query ? `${query[name]},${value}` : value;
  const textual = TEXTUAL.test(headers['content-type'] ?? 'text/plain');
  const now = new Date();
  const event = {
    version: '2.0',
    routeKey,
    rawPath: url.pathname,
    rawQueryString: url.search.replace(/^\?/, ''),
    ...(cookies.length ? { cookies } : {}),
    headers,
    ...(Object.keys(query).length ? { queryStringParameters: query } : {}),
    ...(Object.keys(pathParameters).length ? { pathParameters } : {}),
    requestContext: {
      accountId: 'local',
      apiId: 'local',
      domainName: headers.host ?? '127.0.0.1',
      domainPrefix: 'local',
      http: {
        method,
        path: url.pathname,
        protocol: `HTTP/${req.httpVersion}`,
        sourceIp: req.socket.remoteAddress ?? '127.0.0.1',
        userAgent: headers['user-agent'] ?? '',
      },
      requestId,
      routeKey,
      stage: '$default',
      time: now.toUTCString(),
      timeEpoch: now.getTime(),
      ...(claims ? { authorizer: { principalId: '', integrationLatency: 0, jwt: { claims, scopes: [] } } } : {}),
    },
    ...(body.length ? { body: textual ? body.toString('utf8') : body.toString('base64') } : {}),
    isBase64Encoded: body.length > 0 && !textual,
  };
  return event as unknown as APIGatewayProxyEventV2WithJWTAuthorizer;
}

function gatewayProblem(
  status: number,
  title: string,
  detail: string,
  requestId: string,
  headers: Record<string, string> = {},
): APIGatewayProxyStructuredResultV2 {
  return {
    statusCode: status,
    headers: { 'content-type': 'application/problem+json; charset=utf-8', ...headers },
    body: JSON.stringify({ type: 'about:blank', title, status, detail, requestId }),
  };
}

function send(res: ServerResponse, result: APIGatewayProxyStructuredResultV2): void {
  // What the gateway answers itself (sign-in page, JWKS, 401, 413) carries the security headers too.
  const headers: Record<string, string | string[]> = {};
  for (const [name, value] of Object.entries(withSecurityHeaders(result.headers))) headers[name] = String(value);
  if (result.cookies?.length) headers['set-cookie'] = result.cookies;
  const body =
    result.body === undefined ? '' : result.isBase64Encoded ? Buffer.from(result.body, 'base64') : result.body;
  res.writeHead(result.statusCode ?? 200, headers);
  res.end(body);
}

/**
 * The local stand-in for Cognito's sign-in page: choose a demo person, get a session cookie
 * holding an ID token from the local issuer (in AWS, Cognito's managed login does this).
 */
export const LOCAL_SIGN_IN_PATH = '/console/sign-in';

const escapeHtml = (value: string) =>
  value.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);

async function localSignIn(
  issuer: Issuer,
  method: string,
  url: URL,
  body: Buffer,
): Promise<APIGatewayProxyStructuredResultV2> {
  if (method === 'POST') {
    const form = new URLSearchParams(body.toString('utf8'));
    const person = DEMO_PEOPLE.find((p) => p.email === form.get('email'));
    if (!person)
      return {
        statusCode: 400,
        headers: { 'content-type': 'text/plain; charset=utf-8' },
        body: 'Choose one of the demo people.',
      };
    const token = await issuer.sign({
      email: person.email,
      roles: person.roles,
      subject: `demo-${person.roles.join('-')}`,
      expiresIn: '8h',
    });
    return {
      statusCode: 303,
      headers: { location: safeNext(form.get('next') ?? undefined) },
      cookies: [sessionCookie(token, 8 * 3600, false)],
      body: '',
    };
  }
  const next = safeNext(url.searchParams.get('next') ?? undefined);
  const options = DEMO_PEOPLE.map(
    (p, i) =>
      `<div class="check"><input type="radio" name="email" id="p${i}" value="${escapeHtml(p.email)}"${i === 0 ? ' checked' : ''}><label for="p${i}">${escapeHtml(p.name)} — ${escapeHtml(p.roles.join(', '))} (${escapeHtml(p.email)})</label></div>`,
  ).join('\n');
  return {
    statusCode: 200,
    headers: { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' },
    body: `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Sign in · U4SSC (local)</title>
<style>body{font:16px/1.5 system-ui,sans-serif;max-width:40rem;margin:2rem auto;padding:0 1rem}.check{margin:.5rem 0}button{background:#005b9a;color:#fff;border:0;border-radius:4px;padding:.6rem 1.2rem;font:inherit;font-weight:600}</style></head>
<body><h1>Sign in to the U4SSC console</h1><p>This machine has no Cognito: choose a demo person. In AWS, Cognito's sign-in page stands here.</p>
<form method="post" action="${LOCAL_SIGN_IN_PATH}"><input type="hidden" name="next" value="${escapeHtml(next)}">${options}<p><button type="submit">Sign in</button></p></form></body></html>`,
  };
}

/**
 * The local stand-in for SES → SNS: POST an SES notification (eventType Bounce, Complaint or
 * Send, as SES publishes it) here, and the ses-events handler receives it as from SNS.
 */
export const LOCAL_SES_EVENTS_PATH = '/local/ses-events';

async function localSesEvent(body: Buffer, requestId: string): Promise<APIGatewayProxyStructuredResultV2> {
  let event: SesEvent;
  try {
    event = JSON.parse(body.toString('utf8')) as SesEvent;
  } catch {
    return gatewayProblem(400, 'Bad Request', 'Post an SES notification as JSON.', requestId);
  }
  const handler = await loadSesEventsHandler();
  const result = await handler(snsEvent(event), lambdaContext('ses-events', requestId));
  return { statusCode: 200, headers: { 'content-type': 'application/json' }, body: JSON.stringify(result) };
}

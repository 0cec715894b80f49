import type { MiddlewareObj } from '@middy/core';
import type { APIGatewayProxyEventV2WithJWTAuthorizer, Context } from 'aws-lambda';
import { DomainError, ForbiddenError, isUnavailable, UnauthorizedError } from '../errors.ts';
import type { Role } from '../identity/roles.ts';
import { renderPage } from '../pages/render.ts';
import { type Access, bearerRoles } from '../routes.ts';
import { type Identity, identityFromClaims } from './claims.ts';
import { jsonErrorOffset } from './json-position.ts';
import { log } from './log.ts';
import { type HttpResponse, html, type Problem, problem } from './responses.ts';
import { sessionIdentity } from './session.ts';

export type HttpEvent = APIGatewayProxyEventV2WithJWTAuthorizer & {
  /** Set by `parseBody` when the request carries JSON or a form. */
  parsedBody?: unknown;
  /** Set by `authorize` on routes that need a signed-in caller. */
  identity?: Identity;
};

type HttpMiddleware = MiddlewareObj<HttpEvent, HttpResponse, Error, Context>;

export const requestIdOf = (event: HttpEvent, context: Context): string =>
  event.requestContext?.requestId ?? context.awsRequestId;

/** Largest body accepted on any route, in bytes (API Gateway's own limit is 10 MB). */
export const MAX_BODY_BYTES = 256 * 1024;

/**
 * Parses a JSON or an HTML form body. Malformed JSON is a 400 that says where parsing stopped,
 * so the caller can find the fault in what they sent; a body over `maxBytes` is a 413.
 */
export function parseBody(maxBytes = MAX_BODY_BYTES): HttpMiddleware {
  return {
    name: 'parseBody',
    before: function parseRequestBody(request) {
      const { event } = request;
      if (!event.body) return;
      const contentType = event.headers?.['content-type'] ?? '';
      const json = /^application\/([\w.+-]+\+)?json\b/i.test(contentType);
      const form = /^application\/x-www-form-urlencoded\b/i.test(contentType);
      if (!json && !form) return;
      const text = event.isBase64Encoded ? Buffer.from(event.body, 'base64').toString('utf8') : event.body;
      if (Buffer.byteLength(text, 'utf8') > maxBytes) {
        throw new DomainError(413, 'Content Too Large', `The body is larger than ${maxBytes} bytes.`);
      }
      if (form) {
        event.parsedBody = parseForm(text);
        return;
      }
      try {
        event.parsedBody = JSON.parse(text);
      } catch (error) {
        const where = locateJsonError(text, error);
        throw new DomainError(400, 'Bad Request', `The body is not valid JSON: ${where.message}`, {
          position: where.position,
          line: where.line,
          column: where.column,
        });
      }
    },
  };
}

/** An HTML form body: a field sent more than once (checkboxes of one name) becomes a list. */
export function parseForm(text: string): Record<string, string | string[]> {
  const fields: Record<string, string | string[]> = {};
  for (const [name, value] of new URLSearchParams(text)) {
    const existing = fields[name];
    fields[name] = existing === undefined ? value : Array.isArray(existing) ? [...existing, value] : [existing, value];
  }
  return fields;
}

/** Where JSON.parse gave up: byte offset, line and column (1-based). */
export function locateJsonError(text: string, error: unknown) {
  const message = error instanceof Error ? error.message : String(error);
  const position = jsonErrorOffset(text);
  const before = text.slice(0, position);
  const line = before.split('\n').length;
  const column = position - before.lastIndexOf('\n');
  return { message: message.replace(/\s*(in JSON )?at position \d+.*$/, ''), position, line, column };
}

/**
 * Enforces the roles a route declares. A bearer token was verified by the API's authorizer; a
 * console session cookie is verified here. A console visitor without a session is sent to
 * sign in; a console form must come from the console itself (Origin check).
 */
export function authorize(access: Access): HttpMiddleware {
  return {
    name: 'authorize',
    before: async function checkRoles(request) {
      if (access === 'public') return;
      const { event } = request;
      const roles = bearerRoles(access) ?? (access as { console: readonly Role[] }).console;
      const consoleRoute = !bearerRoles(access);
      const identity = consoleRoute
        ? await sessionIdentity(event.cookies)
        : identityFromClaims(event.requestContext?.authorizer?.jwt?.claims);
      if (!identity) {
        if (consoleRoute) {
          const next = `${event.rawPath}${event.rawQueryString ? `?${event.rawQueryString}` : ''}`;
          return {
            statusCode: 303,
            headers: { location: `/console/sign-in?next=${encodeURIComponent(next)}` },
            body: '',
          };
        }
        throw new UnauthorizedError('Sign in: this route needs a bearer token.');
      }
      if (!identity.roles.some((role) => roles.includes(role))) {
        throw new ForbiddenError(
          `This is for the roles: ${roles.join(', ')}. Your roles: ${identity.roles.join(', ') || 'none'}.`,
        );
      }
      if (consoleRoute && event.requestContext?.http?.method === 'POST' && !sameOrigin(event)) {
        throw new ForbiddenError('This form must be sent from the console itself.');
      }
      event.identity = identity;
      return undefined;
    },
  };
}

/** A browser's form post carries Origin; it must name this site. */
function sameOrigin(event: HttpEvent): boolean {
  const origin = event.headers?.origin;
  const host = event.headers?.host ?? event.requestContext?.domainName;
  if (!origin) return event.headers?.['sec-fetch-site'] === 'same-origin';
  try {
    return new URL(origin).host === host;
  } catch {
    return false;
  }
}

const SECURITY_HEADERS: Record<string, string> = {
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'same-origin',
  'x-frame-options': 'DENY',
  'content-security-policy':
    "default-src 'self'; style-src 'self' 'unsafe-inline'; frame-ancestors 'none'; form-action 'self'",
};

/** Security headers on every response, errors included. */
export function securityHeaders(): HttpMiddleware {
  const add = (request: { response: HttpResponse | null | undefined }) => {
    if (request.response) request.response.headers = { ...SECURITY_HEADERS, ...request.response.headers };
  };
  return { name: 'securityHeaders', after: add, onError: add };
}

/** Seconds a client is asked to wait when a backing service is unreachable. */
export const RETRY_AFTER_UNAVAILABLE_SECONDS = 5;

/**
 * Errors → problem responses. Domain errors (status below 500) are shown as they are; a
 * backing service that cannot be reached (a data store down, throttling) is a 503 with
 * Retry-After; any other error becomes a 500 that carries only the request id, and is logged
 * with it.
 */
export function problemErrors(): HttpMiddleware {
  return {
    name: 'problemErrors',
    onError: function renderProblem(request) {
      const { error, event, context } = request;
      const requestId = requestIdOf(event, context);
      const instance = event.rawPath;
      if (error instanceof DomainError && error.statusCode < 500) {
        const headers: Record<string, string> = {};
        if (error.statusCode === 401) headers['www-authenticate'] = 'Bearer realm="u4ssc"';
        if (error.statusCode === 429) headers['retry-after'] = String(error.extensions.retryAfter ?? 60);
        request.response = respond(
          event,
          // Extensions first: they can never replace the standard members.
          {
            ...error.extensions,
            title: error.title,
            status: error.statusCode,
            detail: error.message,
            instance,
            requestId,
          },
          headers,
        );
        return;
      }
      if (isUnavailable(error)) {
        log('warn', 'A backing service is unreachable', { path: event.rawPath, error });
        request.response = respond(
          event,
          {
            title: 'Service Unavailable',
            status: 503,
            detail: `The service cannot reach its data just now; try again in a few seconds (request id ${requestId}).`,
            instance,
            requestId,
          },
          { 'retry-after': String(RETRY_AFTER_UNAVAILABLE_SECONDS) },
        );
        return;
      }
      log('error', 'Unhandled error', { path: event.rawPath, error });
      request.response = respond(event, {
        title: 'Internal Server Error',
        status: 500,
        detail: `Something went wrong on our side. Quote request id ${requestId} when you report it.`,
        instance,
        requestId,
      });
    },
  };
}

/** A browser asking for a page gets the problem as an HTML page; every other client gets problem JSON. */
export function respond(event: HttpEvent, value: Problem, headers: Record<string, string> = {}): HttpResponse {
  const accept = event.headers?.accept ?? '';
  if (!/text\/html/i.test(accept)) return problem(value, headers);
  try {
    const page = renderPage('error', {
      title: value.title,
      heading: value.title,
      detail: value.detail,
      requestId: value.requestId ?? null,
    });
    return html(value.status, page, headers);
  } catch (error) {
    log('error', 'Error page failed to render', { error });
    return problem(value, headers);
  }
}

/** What a rate limiter answers for one request. */
export interface RateDecision {
  allowed: boolean;
  retryAfterSeconds: number;
}

export type RateLimiter = (client: string, now: Date) => Promise<RateDecision>;

/** Per-client limit on public writes: 429 with Retry-After once a client's window is used up. */
export function rateLimit(limiter: RateLimiter): HttpMiddleware {
  return {
    name: 'rateLimit',
    before: async function limitClient(request) {
      const client = request.event.requestContext?.http?.sourceIp ?? 'unknown';
      const decision = await limiter(client, new Date());
      if (decision.allowed) return;
      throw new DomainError(
        429,
        'Too Many Requests',
        `Too many requests from your connection. Wait ${decision.retryAfterSeconds} seconds and try again.`,
        {
          retryAfter: decision.retryAfterSeconds,
        },
      );
    },
  };
}

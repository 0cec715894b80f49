import type { MiddlewareObj } from '@middy/core';
import type { APIGatewayProxyEventV2WithJWTAuthorizer, Context } from 'aws-lambda';
import { isSessionRevoked } from '../adapters/wiring/sessions.ts';
import { DomainError, ForbiddenError, isUnavailable, UnauthorizedError } from '../errors.ts';
import { DEFAULT_LANG, preferredLang } from '../i18n/languages.ts';
import { translate } from '../i18n/messages.ts';
import type { Role } from '../identity/roles.ts';
import { renderPage } from '../pages/render.ts';
import { type Access, bearerRoles } from '../routes.ts';
import { type Identity, identityFromClaims } from './claims.ts';
import { jsonErrorOffset } from './json-position.ts';
import { log } from './log.ts';
import { checkPathIds } from './path-ids.ts';
import { type HttpResponse, html, type Problem, problem } from './responses.ts';
import { SECURITY_HEADERS } from './security-headers.ts';
import { sessionIdentity } from './session.ts';

export type HttpEvent = APIGatewayProxyEventV2WithJWTAuthorizer & {
  /** Set by `readBody` when the request carries JSON or a form. */
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
 * Reads a JSON or an HTML form body (its fields are then checked by the handler's schema, see
 * `parseBody` in body.ts). Malformed JSON is a 400 that says where parsing stopped, so the
 * caller can find the fault in what they sent; a body over `maxBytes` is a 413; a body of any
 * other type is a 415.
 */
export function readBody(maxBytes = MAX_BODY_BYTES): HttpMiddleware {
  return {
    name: 'readBody',
    before: function parseRequestBody(request) {
      const { event } = request;
      if (!event.body) return;
      const contentType = event.headers?.['content-type'] ?? '';
      const json = /^application\/([\w.+-]+\+)?json\b/i.test(contentType);
      const form = /^application\/x-www-form-urlencoded\b/i.test(contentType);
      if (!json && !form) {
        throw new DomainError(
          415,
          'Unsupported Media Type',
          `Send the body as application/json or application/x-www-form-urlencoded${contentType ? `, not ${contentType.split(';')[0]}` : ' (the Content-Type header is missing)'}.`,
          { errors: { 'content-type': 'Use application/json or application/x-www-form-urlencoded.' } },
        );
      }
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

/**
 * An HTML form body: a field sent more than once (checkboxes of one name) becomes a list. Built
 * from a Map, so a field named `__proto__` is an ordinary field, not the object's prototype.
 */
export function parseForm(text: string): Record<string, string | string[]> {
  const fields = new Map<string, string | string[]>();
  for (const [name, value] of new URLSearchParams(text)) {
    const existing = fields.get(name);
    fields.set(
      name,
      existing === undefined ? value : Array.isArray(existing) ? [...existing, value] : [existing, value],
    );
  }
  return Object.fromEntries(fields);
}

/**
 * The path's ids checked (and made canonical) before anything else runs: an id that cannot be
 * one is a 404 naming the parameter, without a database call.
 */
export function checkPath(): HttpMiddleware {
  return {
    name: 'checkPath',
    before: function checkPathParameters(request) {
      const { event } = request;
      if (event.pathParameters) event.pathParameters = checkPathIds(event.pathParameters);
    },
  };
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
        ? await sessionIdentity(event.cookies, isSessionRevoked())
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
      // Known before any refusal: the console's "forbidden" page still offers to sign out.
      if (consoleRoute) event.identity = identity;
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

/**
 * A browser's form post carries Origin; it must name this site: the same scheme, host and port
 * (API Gateway tells the scheme in X-Forwarded-Proto; the local gateway serves plain HTTP).
 */
export function sameOrigin(event: HttpEvent): boolean {
  const origin = event.headers?.origin;
  const host = event.headers?.host ?? event.requestContext?.domainName;
  if (!origin) return event.headers?.['sec-fetch-site'] === 'same-origin';
  const scheme = (event.headers?.['x-forwarded-proto'] ?? 'http').split(',')[0]?.trim().toLowerCase();
  try {
    const site = new URL(`${scheme}://${host}`);
    return origin !== 'null' && new URL(origin).origin === site.origin;
  } catch {
    return false;
  }
}

/**
 * Security headers on every response, errors included; `cache-control: no-store` too on the
 * responses that carry tokens or personal data (`noStore`), unless the handler chose otherwise.
 */
export function securityHeaders(options: { noStore?: boolean } = {}): HttpMiddleware {
  const add = (request: { response: HttpResponse | null | undefined }) => {
    if (!request.response) return;
    const headers = request.response.headers ?? {};
    request.response.headers = {
      ...SECURITY_HEADERS,
      ...(options.noStore && !Object.keys(headers).some((name) => name.toLowerCase() === 'cache-control')
        ? { 'cache-control': 'no-store' }
        : {}),
      ...headers,
    };
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

const ERROR_PAGES = new Set([400, 401, 403, 404, 409, 410, 413, 415, 429, 500]);

/**
 * A browser asking for a page gets the problem as an HTML page; every other client gets problem
 * JSON. Public pages speak the reader's language (`?lang=`, else `Accept-Language`): a heading
 * and an explanation per status, and in English the problem's own detail; the console's pages
 * are in English, U4SSC's working language.
 */
export function respond(event: HttpEvent, value: Problem, headers: Record<string, string> = {}): HttpResponse {
  const accept = event.headers?.accept ?? '';
  if (!/text\/html/i.test(accept)) return problem(value, headers);
  try {
    const inConsole = /^\/console(\/|$)/.test(event.rawPath ?? '');
    const lang = inConsole
      ? DEFAULT_LANG
      : preferredLang(event.queryStringParameters?.lang, event.headers?.['accept-language']);
    const key = `errorPage.${ERROR_PAGES.has(value.status) ? `s${value.status}` : 'other'}`;
    const heading = translate(lang, `${key}.title`);
    const requestId = typeof value.requestId === 'string' ? value.requestId : null;
    const page = renderPage('error', {
      title: heading,
      lang,
      heading,
      detail: lang === DEFAULT_LANG && value.status < 500 ? value.detail : translate(lang, `${key}.detail`),
      requestId: requestId ? translate(lang, 'errorPage.requestId', { id: requestId }) : null,
      homeHref: `/?lang=${lang}`,
      // A signed-in console visitor keeps the console's header, sign-out included.
      consoleUser: inConsole && event.identity ? { email: event.identity.email } : null,
      // The same address in another language; only a plain local path (never `//host`).
      languagePath:
        !inConsole && event.requestContext?.http?.method === 'GET' && /^\/(?![/\\])[^?#]*$/.test(event.rawPath ?? '')
          ? event.rawPath
          : undefined,
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

/**
 * Errors the domain raises on purpose. Each carries the HTTP status it maps to (the middy
 * convention); the HTTP layer turns them into problem responses, and anything else into a
 * generic 500.
 */
export class DomainError extends Error {
  readonly statusCode: number;
  readonly title: string;
  readonly extensions: Record<string, unknown>;
  constructor(statusCode: number, title: string, detail: string, extensions: Record<string, unknown> = {}) {
    super(detail);
    this.name = new.target.name;
    this.statusCode = statusCode;
    this.title = title;
    this.extensions = extensions;
  }
}

export class NotFoundError extends DomainError {
  constructor(detail: string) {
    super(404, 'Not Found', detail);
  }
}

export class ConflictError extends DomainError {
  constructor(detail: string, extensions: Record<string, unknown> = {}) {
    super(409, 'Conflict', detail, extensions);
  }
}

export class ValidationError extends DomainError {
  constructor(detail: string, errors: Record<string, string>) {
    super(400, 'Bad Request', detail, { errors });
  }
}

export class UnauthorizedError extends DomainError {
  constructor(detail: string) {
    super(401, 'Unauthorized', detail);
  }
}

export class ForbiddenError extends DomainError {
  constructor(detail: string) {
    super(403, 'Forbidden', detail);
  }
}

/** A capacity below the seats registrations hold: refused rather than overbooking the meeting. */
export class SeatsHeldError extends ConflictError {
  constructor(seatsTaken: number, capacity: number) {
    const field = `${seatsTaken} registrations hold a seat; give at least that many.`;
    super(`${seatsTaken} registrations hold a seat: the capacity cannot be cut to ${capacity}.`, {
      code: 'seats-held',
      seatsTaken,
      errors: { capacity: field },
    });
  }
}

/** Network failures on the way to a backing service (a data store not running or not reached). */
const UNREACHABLE_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EAI_AGAIN',
  'UND_ERR_SOCKET',
]);
/** AWS errors that say "not now" rather than "never". */
const UNAVAILABLE_NAMES = new Set([
  'TimeoutError',
  'ServiceUnavailable',
  'ServiceUnavailableException',
  'InternalServerError',
  'ThrottlingException',
  'ProvisionedThroughputExceededException',
  'RequestLimitExceeded',
]);

/**
 * Whether an error (or one it wraps) means a backing service is unreachable or overloaded for
 * now: the request may succeed later, so it is a 503 with Retry-After, not a 500.
 */
export function isUnavailable(error: unknown): boolean {
  const seen = new Set<unknown>();
  let current: unknown = error;
  while (current && typeof current === 'object' && !seen.has(current)) {
    seen.add(current);
    const { code, name, $metadata } = current as {
      code?: unknown;
      name?: unknown;
      $metadata?: { httpStatusCode?: number };
    };
    if (typeof code === 'string' && UNREACHABLE_CODES.has(code)) return true;
    if (typeof name === 'string' && UNAVAILABLE_NAMES.has(name)) return true;
    if ($metadata?.httpStatusCode === 503) return true;
    current = (current as { cause?: unknown }).cause;
  }
  return false;
}

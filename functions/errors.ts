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

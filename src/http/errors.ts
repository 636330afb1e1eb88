// The one catalogue of errors a domain may throw: a stable code, an HTTP status and a message safe to show.
// Callers branch on `code`, never on message text. One handler (error-handler.ts) turns them into pages or JSON.

export type FieldErrors = Record<string, string>;

export class DomainError extends Error {
  constructor(
    readonly code: string,
    readonly status: number,
    message: string,
    readonly fields: FieldErrors = {},
  ) {
    super(message);
    this.name = new.target.name;
  }
}

export class NotFound extends DomainError {
  constructor(message = 'We could not find that page.') {
    super('NOT_FOUND', 404, message);
  }
}

export class Invalid extends DomainError {
  constructor(message: string, fields: FieldErrors = {}) {
    super('INVALID', 400, message, fields);
  }
}

export class Forbidden extends DomainError {
  constructor(message = 'You are not allowed to do that.') {
    super('FORBIDDEN', 403, message);
  }
}

export class Unauthorized extends DomainError {
  constructor(message = 'Please sign in.') {
    super('UNAUTHORIZED', 401, message);
  }
}

export class Conflict extends DomainError {
  constructor(message: string, fields: FieldErrors = {}) {
    super('CONFLICT', 409, message, fields);
  }
}

export class TooManyRequests extends DomainError {
  constructor(message = 'Too many requests. Please wait a moment and try again.') {
    super('TOO_MANY_REQUESTS', 429, message);
  }
}

/** Something the request needs is away for a moment (the database); the client is told when to try again. */
export class ServiceUnavailable extends DomainError {
  constructor(
    message = 'This page cannot be shown right now. Please try again in a few seconds.',
    readonly retryAfterSeconds = 5,
  ) {
    super('UNAVAILABLE', 503, message);
  }
}

/** A conditional write based on an older version than the one stored (If-Match did not match). */
export class PreconditionFailed extends DomainError {
  constructor(message: string) {
    super('PRECONDITION_FAILED', 412, message);
  }
}

/** A write that must say which version it changes (If-Match) and did not. */
export class PreconditionRequired extends DomainError {
  constructor(message: string) {
    super('PRECONDITION_REQUIRED', 428, message);
  }
}

// Errors that services and handlers throw; the error handler turns them into a page in the
// reader's language (HTML) or an RFC 9457 problem document (API). Never a stack trace.
export type FieldErrors = Record<string, string>;

export class AppError extends Error {
  constructor(
    public readonly status: number,
    public readonly code: string,
    message?: string,
  ) {
    super(message ?? code);
    this.name = 'AppError';
  }
}

export class NotFoundError extends AppError {
  constructor(what = 'resource') {
    super(404, 'not_found', `${what} not found`);
  }
}

export class ForbiddenError extends AppError {
  constructor(reason = 'forbidden') {
    super(403, 'forbidden', reason);
  }
}

export class UnauthorizedError extends AppError {
  constructor() {
    super(401, 'unauthorized', 'sign-in required');
  }
}

export class TooManyRequestsError extends AppError {
  constructor(public readonly retryAfterSeconds: number) {
    super(429, 'too_many_requests', 'too many requests');
  }
}

/**
 * A rule of the domain refused the input. `field` names the form field it belongs to (if any);
 * `code` is a key the view translates; `details` carry what the message shows (a deadline, the
 * clashing dates, the nearest free alternatives). Nothing was stored.
 */
export class RuleError extends AppError {
  constructor(
    code: string,
    public readonly field?: string,
    status = 422,
    public readonly details: Record<string, unknown> = {},
  ) {
    super(status, code, code);
    this.name = 'RuleError';
  }
}

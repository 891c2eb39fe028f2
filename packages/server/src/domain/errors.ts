/**
 * The one error hierarchy of the server. Domain errors carry a stable code and no HTTP
 * status; `http/problem.ts` maps codes to statuses in one table.
 */
export type ErrorCode =
  | 'validation.failed'
  | 'auth.unauthenticated'
  | 'auth.forbidden'
  | 'auth.rate_limited'
  | 'entity.not_found'
  | 'entity.conflict'
  | 'entity.protected'
  | 'entity.unprocessable'
  | 'storage.busy'
  | 'mail.unavailable'
  | 'verification_code.invalid'
  | 'request.too_large';

export interface ValidationIssue {
  path: string;
  message: string;
}

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly details?: unknown;

  constructor(code: ErrorCode, message: string, details?: unknown, options?: ErrorOptions) {
    super(message, options);
    this.name = new.target.name;
    this.code = code;
    this.details = details;
  }
}

export class ValidationError extends AppError {
  readonly issues: ValidationIssue[];
  constructor(message: string, issues: ValidationIssue[] = []) {
    super('validation.failed', message, issues);
    this.issues = issues;
  }
}

export class NotFoundError extends AppError {
  constructor(message: string) {
    super('entity.not_found', message);
  }
}

export class ConflictError extends AppError {
  constructor(message: string, options?: ErrorOptions) {
    super('entity.conflict', message, undefined, options);
  }
}

export class ProtectedEntityError extends AppError {
  constructor(message: string) {
    super('entity.protected', message);
  }
}

/**
 * A well-formed request that breaks a rule of the entities it names (Logto's 422): a role of the
 * wrong type for its holder, roles for a non-member, an invitation no longer pending.
 */
export class UnprocessableError extends AppError {
  constructor(message: string, details?: unknown) {
    super('entity.unprocessable', message, details);
  }
}

export class UnauthenticatedError extends AppError {
  constructor(message = 'A valid access token is required.') {
    super('auth.unauthenticated', message);
  }
}

export type TokenRejection = 'invalid_token' | 'expired' | 'wrong_audience';

/**
 * An access token refused by the verifier (services/token-verifier.ts): not ours, expired or
 * for another audience. `details.reason` is what the Hasura webhook answers as `error`.
 */
export class TokenRejectedError extends AppError {
  declare readonly details: { reason: TokenRejection };
  constructor(reason: TokenRejection, message: string) {
    super('auth.unauthenticated', message, { reason });
  }
}

export class ForbiddenError extends AppError {
  constructor(message = 'The access token does not grant this operation.') {
    super('auth.forbidden', message);
  }
}

/** The request body is over the size limit; the rest of it is never read. */
export class PayloadTooLargeError extends AppError {
  constructor(message: string) {
    super('request.too_large', message);
  }
}

/** The database could not take the write now (another process holds the lock); retry later. */
export class StorageBusyError extends AppError {
  constructor(message: string, options?: ErrorOptions) {
    super('storage.busy', message, undefined, options);
  }
}

/** Too many attempts or messages; `retryAfterSeconds` becomes the Retry-After header. */
export class RateLimitedError extends AppError {
  readonly retryAfterSeconds: number;
  constructor(message: string, retryAfterSeconds: number) {
    super('auth.rate_limited', message);
    this.retryAfterSeconds = retryAfterSeconds;
  }
}

/** The mail server could not take the message now (down, refusing, timing out); retry later. */
export class MailUnavailableError extends AppError {
  readonly retryAfterSeconds: number;
  constructor(message: string, retryAfterSeconds: number, options?: ErrorOptions) {
    super('mail.unavailable', message, undefined, options);
    this.retryAfterSeconds = retryAfterSeconds;
  }
}

export type VerificationCodeFailure = 'not_found' | 'mismatch' | 'expired' | 'exceed_max_try';

/** A verification code was not accepted; `reason` uses Logto's `verification_code.*` names. */
export class VerificationCodeError extends AppError {
  readonly reason: VerificationCodeFailure;
  constructor(reason: VerificationCodeFailure, message: string) {
    super('verification_code.invalid', message, { reason });
    this.reason = reason;
  }
}

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
  | 'script.failed'
  | 'script.timeout'
  | 'storage.busy'
  | 'internal';

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

export class UnauthenticatedError extends AppError {
  constructor(message = 'A valid access token is required.') {
    super('auth.unauthenticated', message);
  }
}

export class ForbiddenError extends AppError {
  constructor(message = 'The access token does not grant this operation.') {
    super('auth.forbidden', message);
  }
}

/** The database could not take the write now (another process holds the lock); retry later. */
export class StorageBusyError extends AppError {
  constructor(message: string, options?: ErrorOptions) {
    super('storage.busy', message, undefined, options);
  }
}

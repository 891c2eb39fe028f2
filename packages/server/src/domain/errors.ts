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
  | 'verification_record.permission_denied'
  | 'verification_record.not_found'
  | 'account_center.unavailable'
  | 'password.rejected'
  | 'request.too_large'
  | ExperienceErrorCode
  | MfaErrorCode
  | ConnectorErrorCode;

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

/**
 * A sensitive Account API change without a fresh verification of the user (Logto's 401
 * `verification_record.permission_denied`): no `logto-verification-id` header, or one that is
 * unknown, expired, unverified or another user's.
 */
export class VerificationRequiredError extends AppError {
  constructor(message = 'This change needs a fresh verification: send its id in the logto-verification-id header.') {
    super('verification_record.permission_denied', message);
  }
}

/** A verification record that cannot be used here: unknown, expired, unverified, or for another address. */
export class VerificationRecordError extends AppError {
  constructor(message = 'The verification record was not found, has expired or does not match.') {
    super('verification_record.not_found', message);
  }
}

/**
 * The account center's settings refuse this (Logto's `account_center.not_enabled`,
 * `account_center.field_not_editable`, `account_center.field_not_enabled`); `details.reason` names which.
 */
export class AccountCenterError extends AppError {
  declare readonly details: { reason: 'not_enabled' | 'field_not_editable' | 'field_not_enabled' };
  constructor(reason: 'not_enabled' | 'field_not_editable' | 'field_not_enabled', message: string) {
    super('account_center.unavailable', message, { reason });
  }
}

/**
 * A new password the policy refuses (Logto's 422 `password.rejected`). `details.issues` are the
 * policy's `password_rejected.*` reasons; `issues` lists them as problem `errors` on `password`.
 */
export class PasswordRejectedError extends AppError {
  declare readonly details: { issues: Array<{ code: string; interpolation?: Record<string, unknown> }> };
  readonly issues: ValidationIssue[];
  constructor(
    issues: Array<{ code: string; interpolation?: Record<string, unknown> }>,
    message = 'The password does not meet the password policy.',
  ) {
    super('password.rejected', message, { issues });
    this.issues = issues.map((issue) => ({ path: 'password', message: issue.code }));
  }
}

/**
 * Refusals of the Experience API (and the hosted pages on it), with Logto's codes so a custom
 * UI written for Logto reads them unchanged. `data` is Logto's error data (a refused
 * password's issues, the missing profile fields), returned in the problem document.
 */
export type ExperienceErrorCode =
  | 'session.not_found'
  | 'session.invalid_credentials'
  | 'session.verification_failed'
  | 'session.verification_session_not_found'
  | 'session.identifier_not_found'
  | 'session.identity_conflict'
  | 'session.invalid_interaction_type'
  | 'session.not_supported_for_forgot_password'
  | 'session.forgot_password_not_enabled'
  | 'user.sign_in_method_not_enabled'
  | 'user.missing_profile'
  | 'user.email_already_in_use'
  | 'user.username_already_in_use'
  | 'user.user_not_exist'
  | 'user.suspended'
  | 'user.same_password'
  | 'user.new_password_required_in_profile'
  | 'request.unsupported_media_type';

export class ExperienceError extends AppError {
  readonly data?: unknown;
  constructor(code: ExperienceErrorCode, message: string, data?: unknown) {
    super(code, message);
    this.data = data;
  }
}

/** Refusals of social and SSO connectors (Logto's codes): their Management API and the upstream sign-in. */
export type ConnectorErrorCode =
  | 'connector.not_found_with_connector_id'
  | 'connector.multiple_target_with_same_platform'
  | 'connector.can_not_modify_target'
  | 'connector.invalid_config'
  | 'connector.authorization_failed'
  | 'user.identity_not_exist'
  | 'single_sign_on.duplicate_connector_name';

export class ConnectorError extends AppError {
  constructor(code: ConnectorErrorCode, message: string, options?: ErrorOptions) {
    super(code, message, undefined, options);
  }
}

/** Refusals of second factors and passkeys (Logto's codes): enrollment, verification, and the sign-in's MFA step. */
export type MfaErrorCode =
  | 'user.totp_already_in_use'
  | 'user.totp_secret_invalid'
  | 'user.backup_code_already_in_use'
  | 'user.wrong_backup_code_format'
  | 'user.missing_mfa'
  | 'session.mfa.backup_code_can_not_be_alone'
  | 'session.mfa.invalid_totp_code'
  | 'session.mfa.invalid_backup_code'
  | 'session.mfa.webauthn_verification_failed'
  | 'session.mfa.require_mfa_verification'
  | 'session.mfa.mfa_factor_not_enabled'
  | 'session.mfa.pending_info_not_found'
  | 'session.passkey_sign_in_not_enabled';

export class MfaError extends AppError {
  readonly data?: unknown;
  constructor(code: MfaErrorCode, message: string, data?: unknown) {
    super(code, message);
    this.data = data;
  }
}

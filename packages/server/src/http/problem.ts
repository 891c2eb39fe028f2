import type { ProblemDto } from '@gatehouse/client/dto';
import type Koa from 'koa';
import type { Logger } from '../logger.ts';
import { AppError, ExperienceError, MfaError, PasswordRejectedError, ValidationError, type ErrorCode } from '../domain/errors.ts';

/** The one code -> HTTP status table. */
const statusOf: Record<ErrorCode, number> = {
  'validation.failed': 400,
  'auth.unauthenticated': 401,
  'auth.forbidden': 403,
  'auth.rate_limited': 429,
  'entity.not_found': 404,
  'entity.conflict': 409,
  'entity.protected': 403,
  'entity.unprocessable': 422,
  'storage.busy': 503,
  'mail.unavailable': 503,
  'verification_code.invalid': 400,
  'verification_record.permission_denied': 401,
  'verification_record.not_found': 400,
  'account_center.unavailable': 400,
  'password.rejected': 422,
  'request.too_large': 413,
  // The Experience API's refusals, with Logto's statuses.
  'session.not_found': 400,
  'session.invalid_credentials': 422,
  'session.verification_failed': 400,
  'session.verification_session_not_found': 404,
  'session.identifier_not_found': 404,
  'session.identity_conflict': 409,
  'session.invalid_interaction_type': 400,
  'session.not_supported_for_forgot_password': 400,
  'session.forgot_password_not_enabled': 422,
  'user.sign_in_method_not_enabled': 422,
  'user.missing_profile': 422,
  'user.email_already_in_use': 422,
  'user.username_already_in_use': 422,
  'user.user_not_exist': 404,
  'user.suspended': 401,
  'user.same_password': 422,
  'user.new_password_required_in_profile': 422,
  'request.unsupported_media_type': 415,
  // Second factors and passkeys, with Logto's statuses.
  'user.totp_already_in_use': 422,
  'user.totp_secret_invalid': 422,
  'user.backup_code_already_in_use': 422,
  'user.wrong_backup_code_format': 422,
  'user.missing_mfa': 422,
  'session.mfa.backup_code_can_not_be_alone': 422,
  'session.mfa.invalid_totp_code': 400,
  'session.mfa.invalid_backup_code': 400,
  'session.mfa.webauthn_verification_failed': 400,
  'session.mfa.require_mfa_verification': 403,
  'session.mfa.mfa_factor_not_enabled': 400,
  'session.mfa.pending_info_not_found': 400,
  'session.passkey_sign_in_not_enabled': 422,
  // Connectors (social and SSO), with Logto's statuses.
  'connector.not_found_with_connector_id': 422,
  'connector.multiple_target_with_same_platform': 422,
  'connector.can_not_modify_target': 400,
  'connector.invalid_config': 400,
  'connector.authorization_failed': 401,
  'user.identity_not_exist': 404,
  'single_sign_on.duplicate_connector_name': 409,
};

const titles: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  409: 'Conflict',
  413: 'Payload Too Large',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Content',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

type Problem = ProblemDto;

/** The status of one of our errors, for handlers that answer in their own format (HTML pages, the Hasura webhook). */
export function httpStatusOf(error: AppError): number {
  return statusOf[error.code];
}

function problemOf(error: unknown, requestId?: string): Problem {
  if (error instanceof AppError) {
    const status = httpStatusOf(error);
    return {
      type: `https://gatehouse.dev/problems/${error.code}`,
      title: titles[status] ?? 'Error',
      status,
      detail: error.message,
      code: error.code,
      instance: requestId,
      ...((error instanceof ValidationError || error instanceof PasswordRejectedError) && error.issues.length > 0
        ? { errors: error.issues }
        : {}),
      ...((error instanceof ExperienceError || error instanceof MfaError) && error.data !== undefined ? { data: error.data } : {}),
    };
  }
  // Koa/http-errors style errors (body parser, 404s) that are safe to expose.
  const e = error as { status?: number; statusCode?: number; expose?: boolean; message?: string; code?: string };
  const status = e?.status ?? e?.statusCode;
  if (typeof status === 'number' && status >= 400 && status < 500 && e.expose !== false) {
    return {
      type: 'about:blank',
      title: titles[status] ?? 'Error',
      status,
      detail: e.message ?? titles[status] ?? 'Error',
      code: e.code ?? (status === 404 ? 'entity.not_found' : 'request.invalid'),
      instance: requestId,
    };
  }
  return {
    type: 'about:blank',
    title: 'Internal Server Error',
    status: 500,
    detail: 'An unexpected error occurred. It has been logged with this request id.',
    code: 'internal',
    instance: requestId,
  };
}

/**
 * Renders every error outside /oidc as RFC 9457 problem+json. 5xx bodies are generic and
 * the real error is logged with its cause; /oidc keeps oidc-provider's own OAuth errors.
 */
export function errorHandler(): Koa.Middleware {
  return async function problemJson(ctx, next) {
    const state = ctx.state as { requestId?: string; logger?: Logger };
    try {
      await next();
      if (ctx.status === 404 && ctx.body === undefined && !ctx.path.startsWith('/oidc')) {
        const problem = problemOf({ status: 404, message: `No route for ${ctx.method} ${ctx.path}.`, expose: true }, state.requestId);
        ctx.status = 404;
        ctx.type = 'application/problem+json';
        ctx.body = problem;
      }
    } catch (error) {
      const problem = problemOf(error, state.requestId);
      if (problem.status >= 500) state.logger?.error({ err: error }, 'request failed');
      ctx.status = problem.status;
      ctx.type = 'application/problem+json';
      ctx.body = problem;
      if (problem.status === 401) ctx.set('WWW-Authenticate', 'Bearer');
      // The busy database frees up in moments (another writer's transaction, a CLI run).
      if (problem.code === 'storage.busy') ctx.set('Retry-After', '1');
      const retryAfter = (error as { retryAfterSeconds?: unknown }).retryAfterSeconds;
      if (error instanceof AppError && typeof retryAfter === 'number') ctx.set('Retry-After', String(Math.max(1, Math.ceil(retryAfter))));
    }
  };
}

import type { KoaContextWithOIDC } from 'oidc-provider';

/** Logto's English messages for its `oidc.*` codes (phrases `errors.oidc`, `errors.session`). */
const messages: Record<string, string> = {
  'oidc.aborted': 'The end-user aborted interaction.',
  'oidc.invalid_scope': 'Invalid scope: {{error_description}}.',
  'oidc.invalid_token': 'Invalid token provided.',
  'oidc.invalid_client_metadata': 'Invalid client metadata provided.',
  'oidc.insufficient_scope': 'Token missing scope `{{scope}}`.',
  'oidc.invalid_request': 'Request is invalid.',
  'oidc.invalid_grant': 'Grant request is invalid.',
  'oidc.invalid_issuer': 'Invalid issuer.',
  'oidc.invalid_redirect_uri': "`redirect_uri` did not match any of the client's registered `redirect_uris`.",
  'oidc.access_denied': 'Access denied.',
  'oidc.invalid_target': 'Invalid resource indicator.',
  'oidc.unsupported_grant_type': 'Unsupported `grant_type` requested.',
  'oidc.unsupported_response_mode': 'Unsupported `response_mode` requested.',
  'oidc.unsupported_response_type': 'Unsupported `response_type` requested.',
  'oidc.server_error': 'An unknown OIDC error occurred. Please try again later.',
  'session.not_found': 'Session not found. Please go back and sign in again.',
};

/** Logto's test for oidc-provider's "session not found" family of descriptions. */
const isSessionNotFound = (description: string | undefined) =>
  Boolean(
    description &&
    ((description.includes('session') && description.includes('not found')) || description.includes('authorization request has expired')),
  );

function messageOf(code: string, body: Record<string, unknown>): string {
  const template = messages[code] ?? 'An OIDC error occurred: {{code}}.';
  return template.replace(/\{\{(\w+)\}\}/g, (_, key: string) => {
    const value = key === 'code' ? code : body[key];
    return typeof value === 'string' ? value : '';
  });
}

/**
 * Adds Logto's `code` (`oidc.<error>`, or `session.not_found`) and `message` to every JSON
 * error oidc-provider answers, as Logto's koa-oidc-error-handler does, so Logto's SDKs raise
 * a typed `LogtoRequestError`. `error` and `error_description` stay as the spec has them;
 * errors redirected to a client, and HTML error pages, are untouched.
 */
export function logtoErrorFields() {
  return async function addLogtoErrorFields(ctx: KoaContextWithOIDC, next: () => Promise<void>): Promise<void> {
    await next();
    const body = ctx.body as Record<string, unknown> | null | undefined;
    if (ctx.status < 400 || !body || typeof body !== 'object' || Array.isArray(body) || Buffer.isBuffer(body)) return;
    if (typeof body.error !== 'string' || 'code' in body) return;
    const description = typeof body.error_description === 'string' ? body.error_description : undefined;
    const code = isSessionNotFound(description) ? 'session.not_found' : `oidc.${body.error}`;
    ctx.body = { code, message: messageOf(code, body), ...body };
  };
}

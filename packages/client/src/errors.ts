/**
 * Stable error codes of {@link GatehouseError}. Match on `code`, never on `message`.
 *
 * - `invalid_config`: the client configuration is unusable (bad endpoint, missing app id).
 * - `not_authenticated`: there is no session; call `signIn` first.
 * - `session_expired`: the refresh token was refused (`invalid_grant`: revoked, expired or
 *   reused); the session has been cleared, sign in again.
 * - `sign_in_session_not_found`: `handleSignInCallback` ran without a pending sign-in
 *   (another tab, a reload after success, or storage was cleared).
 * - `callback_error`: the server answered the sign-in with an OAuth error (`oauthError`,
 *   e.g. `access_denied`).
 * - `invalid_callback`: the callback URL does not belong to the pending sign-in (wrong
 *   redirect URI, state mismatch, no code).
 * - `resource_not_configured`: `getAccessToken` was asked for a resource that is not in the
 *   configured `resources` (nothing is sent: the session's grant only holds those).
 * - `scope_not_configured`: an organization token was asked for, but the configured `scopes`
 *   lack `urn:logto:scope:organizations` (`UserScope.Organizations`); add it and sign in again.
 * - `token_request_failed`: the token endpoint refused a request for another reason
 *   (`oauthError`, e.g. `invalid_client`, or `invalid_target` for a resource outside this
 *   session's grant: the session stays, sign in again to add the resource; `access_denied`
 *   for an organization the user is not a member of, the session stays).
 * - `invalid_response`: a server response failed validation (ID token, JSON, metadata).
 * - `discovery_failed`: the OpenID configuration could not be loaded.
 * - `network_error`: the server could not be reached.
 * - `navigation_unavailable`: `signIn` has nowhere to navigate (Node without `navigate`);
 *   use `getSignInUrl` and redirect yourself.
 * - `invalid_token`: a token could not be decoded.
 *
 * @example
 * ```ts
 * const code: GatehouseErrorCode = 'session_expired';
 * ```
 */
export type GatehouseErrorCode =
  | 'invalid_config'
  | 'not_authenticated'
  | 'session_expired'
  | 'sign_in_session_not_found'
  | 'callback_error'
  | 'invalid_callback'
  | 'resource_not_configured'
  | 'scope_not_configured'
  | 'token_request_failed'
  | 'invalid_response'
  | 'discovery_failed'
  | 'network_error'
  | 'navigation_unavailable'
  | 'invalid_token';

/**
 * The one error type the SDK throws. `code` is stable; `oauthError` carries the server's
 * OAuth `error` value when there was one; `cause` keeps the underlying error.
 *
 * @example
 * ```ts
 * try {
 *   await client.getAccessToken('https://hasura.example.com/api');
 * } catch (error) {
 *   if (error instanceof GatehouseError && error.code === 'session_expired') await client.signIn(redirectUri);
 *   else throw error;
 * }
 * ```
 */
export class GatehouseError extends Error {
  override readonly name = 'GatehouseError';
  readonly code: GatehouseErrorCode;
  /** The OAuth `error` the server returned (`invalid_grant`, `access_denied`, ...), if any. */
  readonly oauthError?: string;

  constructor(code: GatehouseErrorCode, message: string, options: { cause?: unknown; oauthError?: string } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    if (options.oauthError !== undefined) this.oauthError = options.oauthError;
  }
}

/**
 * Whether `error` is a {@link GatehouseError}, optionally with the given code.
 *
 * @example
 * ```ts
 * if (isGatehouseError(error, 'session_expired')) showSignInButton();
 * ```
 */
export function isGatehouseError(error: unknown, code?: GatehouseErrorCode): error is GatehouseError {
  return error instanceof GatehouseError && (code === undefined || error.code === code);
}

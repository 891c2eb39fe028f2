import { decodeJwtPayload, type AccessTokenClaims, type IdTokenClaims, type UserInfo } from './claims.ts';
import { resolveConfig, UserScope, type GatehouseConfig, type ResolvedConfig } from './config.ts';
import { GatehouseError } from './errors.ts';
import { withToken, type FetchWithTokenInit } from './fetch-with-token.ts';
import { createProtocol, type Protocol, type SignInCallbackResult, type SignInOptions, type SignInParams } from './protocol.ts';
import { createSerialLock, isFresh, SessionStore, withTokens, type SessionData } from './session.ts';

/**
 * The cache key of an access token: the resource indicator ('' for none) and, for an
 * organization-scoped token, `#<organizationId>` (a resource indicator has no fragment).
 */
const tokenKey = (resource: string | undefined, organizationId: string | undefined) =>
  `${resource ?? ''}${organizationId ? `#${organizationId}` : ''}`;

/**
 * A Gatehouse (OpenID Connect) client for browsers and Node: signs the user in with the
 * authorization code flow and PKCE, and hands out access tokens per API resource, obtained
 * with the rotating refresh token (RFC 8707 `resource`), cached until shortly before they
 * expire. Every method is safe to call concurrently.
 *
 * @example
 * ```ts
 * const client = new GatehouseClient({
 *   endpoint: 'http://localhost:3001',
 *   appId: 'your-app-id',
 *   resources: ['https://hasura.example.com/api'],
 *   scopes: ['read:user', 'maintain:user'],
 * });
 * if (!(await client.isAuthenticated())) await client.signIn('http://localhost:5173/callback');
 * const token = await client.getAccessToken('https://hasura.example.com/api');
 * ```
 */
export class GatehouseClient {
  readonly #config: ResolvedConfig;
  readonly #protocol: Protocol;
  readonly #store: SessionStore;
  readonly #serial: <T>(task: () => Promise<T>) => Promise<T>;
  readonly #pendingTokens = new Map<string, Promise<string>>();
  readonly #pendingCallbacks = new Map<string, Promise<SignInCallbackResult>>();

  constructor(config: GatehouseConfig) {
    this.#config = resolveConfig(config);
    this.#protocol = createProtocol(this.#config);
    this.#store = new SessionStore(this.#config.storage);
    this.#serial = createSerialLock(`gatehouse:${this.#config.appId}`);
  }

  /**
   * Starts a sign-in and returns the authorization URL, without navigating: for server-side
   * apps, which redirect to it themselves. The pending sign-in is kept in storage.
   *
   * @example
   * ```ts
   * // in a Node request handler
   * res.redirect(await client.getSignInUrl('https://app.example.com/callback'));
   * ```
   */
  async getSignInUrl(redirectUri: string, options: SignInOptions = {}): Promise<string> {
    const tx = this.#protocol.newTransaction(redirectUri, options.appState);
    const url = await this.#protocol.authorizationUrl(tx, options);
    await this.#store.saveTransaction(tx);
    return url.href;
  }

  /**
   * Starts a sign-in and navigates to Gatehouse's sign-in page (`location.assign` in a
   * browser, or the configured `navigate`). Throws `navigation_unavailable` when there is
   * nowhere to navigate; use {@link getSignInUrl} there.
   *
   * Also takes one object, `{ redirectUri, ...options }` (Logto's form); `firstScreen: 'register'`
   * opens the hosted pages on "Create account".
   *
   * @example
   * ```ts
   * signInButton.onclick = () => client.signIn(`${location.origin}/callback`);
   * createAccountButton.onclick = () => client.signIn({ redirectUri: `${location.origin}/callback`, firstScreen: 'register' });
   * ```
   */
  async signIn(redirectUri: string, options?: SignInOptions): Promise<void>;
  async signIn(params: SignInParams): Promise<void>;
  async signIn(target: string | SignInParams, options: SignInOptions = {}): Promise<void> {
    const navigate = this.#config.navigate;
    if (!navigate) throw new GatehouseError('navigation_unavailable', 'signIn needs a browser or a navigate option; use getSignInUrl');
    const { redirectUri, ...rest } = typeof target === 'string' ? { redirectUri: target, ...options } : target;
    await navigate(await this.getSignInUrl(redirectUri, rest));
  }

  /**
   * Completes the sign-in on the redirect URI: checks the callback against the pending
   * sign-in (redirect URI, state, issuer), exchanges the code (with the PKCE verifier),
   * validates the ID token (nonce included) and stores the session. Calling it again with the
   * same URL while it runs returns the same promise. Resolves to the sign-in's `appState`.
   *
   * @example
   * ```ts
   * // on http://localhost:5173/callback
   * const { appState } = await client.handleSignInCallback(window.location.href);
   * history.replaceState(null, '', appState ?? '/');
   * ```
   */
  handleSignInCallback(callbackUrl: string): Promise<SignInCallbackResult> {
    let pending = this.#pendingCallbacks.get(callbackUrl);
    if (!pending) {
      pending = this.#completeSignIn(callbackUrl).finally(() => this.#pendingCallbacks.delete(callbackUrl));
      this.#pendingCallbacks.set(callbackUrl, pending);
    }
    return pending;
  }

  async #completeSignIn(callbackUrl: string): Promise<SignInCallbackResult> {
    const tx = await this.#store.loadTransaction();
    if (!tx)
      throw new GatehouseError('sign_in_session_not_found', 'there is no pending sign-in (it completed already, or was started elsewhere)');
    const url = URL.canParse(callbackUrl) ? new URL(callbackUrl) : undefined;
    const expected = new URL(tx.redirectUri);
    if (!url || url.origin !== expected.origin || url.pathname !== expected.pathname) {
      throw new GatehouseError('invalid_callback', `the callback URL does not match the redirect URI ${tx.redirectUri}`);
    }
    await this.#store.clearTransaction(); // single use, whatever happens next
    const tokens = await this.#protocol.exchangeCode(url, tx);
    const session: SessionData = { idToken: tokens.idToken!, idTokenClaims: tokens.idTokenClaims!, accessTokens: {} };
    await this.#serial(() => this.#store.save(withTokens(session, '', tokens, this.#config.now())));
    return tx.appState === undefined ? {} : { appState: tx.appState };
  }

  /**
   * Whether a session exists (the user signed in and it was not cleared). A revoked session
   * is noticed at the next token refresh, which then throws `session_expired`.
   *
   * @example
   * ```ts
   * if (await client.isAuthenticated()) renderApp(); else renderSignInButton();
   * ```
   */
  async isAuthenticated(): Promise<boolean> {
    return (await this.#store.load()) !== undefined;
  }

  /**
   * The signed-in user's ID token claims. Throws `not_authenticated` without a session.
   *
   * @example
   * ```ts
   * const { sub, name, username } = await client.getIdTokenClaims();
   * ```
   */
  async getIdTokenClaims(): Promise<IdTokenClaims> {
    return (await this.#requireSession()).idTokenClaims;
  }

  /**
   * The user's claims from the userinfo endpoint (`/oidc/me`), with the sign-in's access
   * token (renewed like any other). The `sub` must match the ID token's.
   *
   * @example
   * ```ts
   * const { username, name } = await client.fetchUserInfo();
   * ```
   */
  async fetchUserInfo(): Promise<UserInfo> {
    const { idTokenClaims } = await this.#requireSession();
    return this.#protocol.userInfo(await this.getAccessToken(), idTokenClaims.sub);
  }

  /**
   * The raw ID token. Throws `not_authenticated` without a session.
   *
   * @example
   * ```ts
   * const idToken = await client.getIdToken();
   * ```
   */
  async getIdToken(): Promise<string> {
    return (await this.#requireSession()).idToken;
  }

  /**
   * An access token for `resource` (a JWT whose `aud` is the resource), or without one the
   * opaque token for `/oidc/me`. `resource` must be one of the configured `resources`. With
   * `organizationId` (Logto's `organization_id`) the token is scoped to that organization: its
   * scopes are what the user's global roles grant plus what their roles IN THAT organization
   * grant, and it carries an `organization_id` claim; without a resource it is the
   * organization token ({@link getOrganizationToken}). Cached per resource and organization
   * until shortly before it expires (60 s, or half the lifetime of shorter tokens), then renewed
   * with the refresh token (which rotates). Concurrent calls for one token share one request.
   * If the server refuses the refresh token, the session is cleared and `session_expired` is
   * thrown; a refusal for the organization alone (not a member: `token_request_failed` with
   * `oauthError` `access_denied`) keeps the session.
   *
   * @example
   * ```ts
   * const token = await client.getAccessToken('https://hasura.example.com/api');
   * await fetch(graphqlUrl, { headers: { authorization: `Bearer ${token}` } });
   * // the same API, acting in one organization (Hasura sees x-hasura-org-id)
   * const orgToken = await client.getAccessToken('https://hasura.example.com/api', organizationId);
   * ```
   */
  async getAccessToken(resource?: string, organizationId?: string): Promise<string> {
    if (resource && !this.#config.resources.includes(resource)) {
      throw new GatehouseError(
        'resource_not_configured',
        `add ${resource} to the client's resources (and sign in again) to get tokens for it`,
      );
    }
    if (organizationId !== undefined) this.#requireOrganizationsScope(organizationId);
    const key = tokenKey(resource, organizationId);
    const cached = (await this.#requireSession()).accessTokens[key];
    if (cached && isFresh(cached, this.#config.now())) return cached.token;
    let pending = this.#pendingTokens.get(key);
    if (!pending) {
      pending = this.#serial(() => this.#renew(key, resource, organizationId)).finally(() => this.#pendingTokens.delete(key));
      this.#pendingTokens.set(key, pending);
    }
    return pending;
  }

  /**
   * The organization token for `organizationId`: a JWT whose `aud` is
   * `urn:logto:organization:<id>` and whose `scope` holds the organization permissions (e.g.
   * `invite:member`) the user's roles in that organization grant, among those the app asked for
   * at sign-in. Needs {@link UserScope.Organizations} in the configured `scopes` (else
   * `scope_not_configured`, nothing is sent). The user's organizations are the ID token's
   * `organizations` claim. Cached and renewed like {@link getAccessToken}.
   *
   * @example
   * ```ts
   * const { organizations = [] } = await client.getIdTokenClaims();
   * const token = await client.getOrganizationToken(organizations[0]);
   * await fetch('https://api.example.com/members', { headers: { authorization: `Bearer ${token}` } });
   * ```
   */
  async getOrganizationToken(organizationId: string): Promise<string> {
    return this.getAccessToken(undefined, organizationId);
  }

  /**
   * The decoded (not verified) claims of the organization token for `organizationId`:
   * `aud` (`urn:logto:organization:<id>`) and `scope` (the organization permissions).
   *
   * @example
   * ```ts
   * const { scope = '' } = await client.getOrganizationTokenClaims(organizationId);
   * const canInvite = scope.split(' ').includes('invite:member');
   * ```
   */
  async getOrganizationTokenClaims(organizationId: string): Promise<AccessTokenClaims> {
    return decodeJwtPayload<AccessTokenClaims>(await this.getOrganizationToken(organizationId));
  }

  #requireOrganizationsScope(organizationId: string): void {
    if (!organizationId) throw new GatehouseError('invalid_config', 'organizationId must not be empty');
    if (!this.#config.scopes.includes(UserScope.Organizations)) {
      throw new GatehouseError(
        'scope_not_configured',
        `add ${UserScope.Organizations} to the client's scopes (and sign in again) to get organization tokens`,
      );
    }
  }

  /** Runs under the serial lock: re-reads the session, which another tab may have renewed. */
  async #renew(key: string, resource: string | undefined, organizationId: string | undefined): Promise<string> {
    const session = await this.#requireSession();
    const cached = session.accessTokens[key];
    if (cached && isFresh(cached, this.#config.now())) return cached.token;
    if (!session.refreshToken) {
      await this.#store.clear();
      throw new GatehouseError('session_expired', 'the session has no refresh token (was offline_access granted?); sign in again');
    }
    const target = organizationId
      ? `${resource ?? 'the organization token'} in organization ${organizationId}`
      : (resource ?? 'the userinfo token');
    let tokens;
    try {
      tokens = await this.#protocol.refresh(session.refreshToken, resource, organizationId);
    } catch (error) {
      if (!(error instanceof GatehouseError)) throw error;
      const { oauthError } = error;
      // invalid_grant: revoked, expired or reused; the session is over.
      if (oauthError === 'invalid_grant') {
        await this.#store.clear();
        throw new GatehouseError('session_expired', 'the session has ended (the refresh token was refused); sign in again', {
          cause: error,
          oauthError,
        });
      }
      // The refusals below come before rotation (or release it), so the refresh token we hold
      // still works for everything else.
      // invalid_target: the resource is not in this session's grant.
      if (oauthError === 'invalid_target') {
        throw new GatehouseError('token_request_failed', `${target} is not part of this session's grant; sign in again to add it`, {
          cause: error,
          oauthError,
        });
      }
      // access_denied: not a member of the organization (now); insufficient_scope: the session
      // was signed in without the organizations scope.
      if (organizationId && (oauthError === 'access_denied' || oauthError === 'insufficient_scope')) {
        const reason =
          oauthError === 'access_denied'
            ? `the user is not a member of organization ${organizationId}`
            : `the session was signed in without ${UserScope.Organizations}; sign in again`;
        throw new GatehouseError('token_request_failed', `${target}: ${reason}`, { cause: error, oauthError });
      }
      throw error;
    }
    await this.#store.save(withTokens(session, key, tokens, this.#config.now()));
    return tokens.accessToken;
  }

  /**
   * Drops the cached access token for `resource` (undefined: the userinfo token, or with
   * `organizationId` the organization token) in `organizationId` (if given) if it is still
   * `token`, so that the next {@link getAccessToken} renews it. For an API that answered 401 to
   * a token the client still holds as fresh (revoked, or signed with a key the API dropped).
   * Comparing with `token` makes concurrent 401s for one token cost a single refresh.
   *
   * @example
   * ```ts
   * let token = await client.getAccessToken(api);
   * let res = await fetch(url, { headers: { authorization: `Bearer ${token}` } });
   * if (res.status === 401) {
   *   await client.invalidateAccessToken(api, token);
   *   token = await client.getAccessToken(api);
   *   res = await fetch(url, { headers: { authorization: `Bearer ${token}` } });
   * }
   * ```
   */
  async invalidateAccessToken(resource: string | undefined, token: string, organizationId?: string): Promise<void> {
    const key = tokenKey(resource, organizationId);
    await this.#serial(async () => {
      const session = await this.#store.load();
      if (session?.accessTokens[key]?.token !== token) return;
      const { [key]: _dropped, ...accessTokens } = session.accessTokens;
      await this.#store.save({ ...session, accessTokens });
    });
  }

  /**
   * The decoded (not verified) claims of the access token for `resource` (in `organizationId`,
   * if given): `aud`, `scope`, `organization_id`, and custom claims such as
   * `https://hasura.io/jwt/claims`.
   *
   * @example
   * ```ts
   * const claims = await client.getAccessTokenClaims('https://hasura.example.com/api');
   * const roles = claims['https://hasura.io/jwt/claims']?.['x-hasura-allowed-roles'] ?? [];
   * ```
   */
  async getAccessTokenClaims(resource: string, organizationId?: string): Promise<AccessTokenClaims> {
    return decodeJwtPayload<AccessTokenClaims>(await this.getAccessToken(resource, organizationId));
  }

  /**
   * `fetch` with `Authorization: Bearer <access token for resource>` (scoped to
   * `organizationId` when given) and, when given, `x-hasura-role`.
   *
   * @example
   * ```ts
   * const res = await client.fetchWithToken('https://hasura.example.com/v1/graphql', {
   *   resource: 'https://hasura.example.com/api',
   *   hasuraRole: 'user:reader',
   *   method: 'POST',
   *   headers: { 'content-type': 'application/json' },
   *   body: JSON.stringify({ query: '{ users { id } }' }),
   * });
   * ```
   */
  async fetchWithToken(input: string | URL, init: FetchWithTokenInit): Promise<Response> {
    return this.#config.fetch(input, withToken(init, await this.getAccessToken(init.resource, init.organizationId)));
  }

  /**
   * Signs out: clears the local session, revokes the refresh token (best effort) and, in a
   * browser or with `navigate`, goes to Gatehouse's end-session endpoint (with `id_token_hint`)
   * to end the server session, which then redirects to `postLogoutRedirectUri` (register it
   * on the application). Resolves to that end-session URL, for server-side apps to redirect to.
   *
   * @example
   * ```ts
   * await client.signOut('http://localhost:5173/');
   * ```
   */
  async signOut(postLogoutRedirectUri?: string): Promise<string | undefined> {
    const session = await this.#serial(async () => {
      const current = await this.#store.load();
      await this.#store.clear();
      return current;
    });
    if (session?.refreshToken) await this.#protocol.revokeRefreshToken(session.refreshToken).catch(() => undefined);
    const url = await this.#protocol.endSessionUrl({ idTokenHint: session?.idToken, postLogoutRedirectUri }).catch(() => undefined);
    if (url && this.#config.navigate) await this.#config.navigate(url);
    return url;
  }

  async #requireSession(): Promise<SessionData> {
    const session = await this.#store.load();
    if (!session) throw new GatehouseError('not_authenticated', 'not signed in');
    return session;
  }
}

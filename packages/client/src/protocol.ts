import * as oauth from 'oauth4webapi';
import type { IdTokenClaims, UserInfo } from './claims.ts';
import type { ResolvedConfig } from './config.ts';
import { GatehouseError, type GatehouseErrorCode } from './errors.ts';

/**
 * Every protocol step goes through oauth4webapi (a certified OpenID relying-party library):
 * discovery, PKCE/state/nonce generation, authorization response validation (state, `iss`),
 * the token requests, ID token validation (iss, aud, nonce, exp) and revocation. This file
 * only wires our configuration into it and turns its errors into GatehouseErrors.
 */

export interface TokenSet {
  accessToken: string;
  expiresIn?: number;
  scope?: string;
  refreshToken?: string;
  idToken?: string;
  idTokenClaims?: IdTokenClaims;
}

export interface SignInTransaction {
  redirectUri: string;
  state: string;
  nonce: string;
  codeVerifier: string;
  /** The caller's `appState`, kept until the callback; never sent to the server. */
  appState?: string;
}

/**
 * Options of `signIn` and `getSignInUrl`.
 *
 * @example
 * ```ts
 * const options: SignInOptions = { prompt: 'login consent', loginHint: 'demo' };
 * await client.signIn('http://localhost:5173/callback', options);
 * ```
 */
export interface SignInOptions {
  /** Overrides the configured `prompt` for this sign-in. */
  prompt?: string;
  /** Pre-fills the identifier on the sign-in page (OIDC `login_hint`). */
  loginHint?: string;
  /**
   * The screen the hosted sign-in opens on (Logto's `first_screen`): `'register'` for
   * "Create account", `'signIn'` (the default) otherwise. The server shows sign-in instead
   * when its settings do not allow registration.
   */
  firstScreen?: 'signIn' | 'register';
  /** More authorization request parameters. */
  extraParams?: Record<string, string>;
  /**
   * Opaque state of the app, such as the page to return to after sign-in. Kept with the
   * pending sign-in in storage (never sent to the server) and returned by
   * `handleSignInCallback`.
   */
  appState?: string;
}

/**
 * `signIn`'s single-object form (Logto's): the redirect URI with the other options.
 *
 * @example
 * ```ts
 * const params: SignInParams = { redirectUri: `${location.origin}/callback`, firstScreen: 'register' };
 * await client.signIn(params);
 * ```
 */
export interface SignInParams extends SignInOptions {
  /** Where Gatehouse sends the browser back to; one of the application's redirect URIs. */
  redirectUri: string;
}

/**
 * What `handleSignInCallback` resolves to once the sign-in is complete.
 *
 * @example
 * ```ts
 * await client.signIn(`${location.origin}/callback`, { appState: location.pathname });
 * // later, on /callback:
 * const { appState }: SignInCallbackResult = await client.handleSignInCallback(location.href);
 * history.replaceState(null, '', appState ?? '/');
 * ```
 */
export interface SignInCallbackResult {
  /** The `appState` given to `signIn` or `getSignInUrl`, if any. */
  appState?: string;
}

function toGatehouseError(error: unknown, fallback: GatehouseErrorCode, step: string): GatehouseError {
  if (error instanceof GatehouseError) return error;
  if (error instanceof oauth.ResponseBodyError) {
    const description = error.error_description ? ` (${error.error_description})` : '';
    return new GatehouseError('token_request_failed', `${step}: ${error.error}${description}`, { cause: error, oauthError: error.error });
  }
  if (error instanceof oauth.AuthorizationResponseError) {
    const description = error.error_description ? ` (${error.error_description})` : '';
    return new GatehouseError('callback_error', `${step}: ${error.error}${description}`, { cause: error, oauthError: error.error });
  }
  if (error instanceof oauth.WWWAuthenticateChallengeError) {
    const challenge = error.cause[0]?.parameters.error;
    return new GatehouseError('token_request_failed', `${step}: HTTP ${error.status}`, {
      cause: error,
      ...(challenge ? { oauthError: challenge } : {}),
    });
  }
  // fetch() rejects with a plain TypeError when the server cannot be reached; oauth4webapi's
  // own argument errors are TypeErrors with a `code`.
  if (error instanceof TypeError && !('code' in error)) {
    return new GatehouseError('network_error', `${step}: ${error.message}`, { cause: error });
  }
  const message = error instanceof Error ? error.message : String(error);
  return new GatehouseError(fallback, `${step}: ${message}`, { cause: error });
}

function toTokenSet(result: oauth.TokenEndpointResponse): TokenSet {
  return {
    accessToken: result.access_token,
    expiresIn: result.expires_in,
    scope: result.scope,
    refreshToken: result.refresh_token,
    idToken: result.id_token,
    idTokenClaims: oauth.getValidatedIdTokenClaims(result),
  };
}

export type Protocol = ReturnType<typeof createProtocol>;

export function createProtocol(config: ResolvedConfig) {
  let metadata: Promise<oauth.AuthorizationServer> | undefined;

  const http = () => ({ [oauth.customFetch]: config.fetch, [oauth.allowInsecureRequests]: config.insecure });
  // With an injected clock, oauth4webapi's JWT time checks follow it (clockSkew is how far
  // the local clock is off, negative when it runs ahead).
  const client = (): oauth.Client => ({
    client_id: config.appId,
    ...(config.customClock ? { [oauth.clockSkew]: Math.round((Date.now() - config.now()) / 1000) } : {}),
  });
  const auth = () => (config.appSecret ? oauth.ClientSecretBasic(config.appSecret) : oauth.None());

  function discover(): Promise<oauth.AuthorizationServer> {
    metadata ??= (async () => {
      const response = await oauth.discoveryRequest(config.issuer, { ...http(), algorithm: 'oidc' });
      return oauth.processDiscoveryResponse(config.issuer, response);
    })().catch((error: unknown) => {
      metadata = undefined; // try again next time
      throw toGatehouseError(error, 'discovery_failed', 'discovery');
    });
    return metadata;
  }

  return {
    discover,

    newTransaction(redirectUri: string, appState?: string): SignInTransaction {
      return {
        ...(appState === undefined ? {} : { appState }),
        redirectUri,
        state: oauth.generateRandomState(),
        nonce: oauth.generateRandomNonce(),
        codeVerifier: oauth.generateRandomCodeVerifier(),
      };
    },

    /** Authorization code + PKCE (S256) request, with every configured resource. */
    async authorizationUrl(tx: SignInTransaction, params: SignInOptions = {}): Promise<URL> {
      const as = await discover();
      if (!as.authorization_endpoint) throw new GatehouseError('discovery_failed', 'the server has no authorization_endpoint');
      const url = new URL(as.authorization_endpoint);
      const query = url.searchParams;
      query.set('client_id', config.appId);
      query.set('response_type', 'code');
      query.set('redirect_uri', tx.redirectUri);
      query.set('scope', config.scopes.join(' '));
      query.set('state', tx.state);
      query.set('nonce', tx.nonce);
      query.set('code_challenge', await oauth.calculatePKCECodeChallenge(tx.codeVerifier));
      query.set('code_challenge_method', 'S256');
      const prompt = params.prompt ?? config.prompt;
      if (prompt) query.set('prompt', prompt);
      if (params.loginHint) query.set('login_hint', params.loginHint);
      if (params.firstScreen) query.set('first_screen', params.firstScreen);
      for (const resource of config.resources) query.append('resource', resource);
      for (const [key, value] of Object.entries(params.extraParams ?? {})) query.set(key, value);
      return url;
    },

    async exchangeCode(callbackUrl: URL, tx: SignInTransaction): Promise<TokenSet> {
      const as = await discover();
      const c = client();
      let params: URLSearchParams;
      try {
        params = oauth.validateAuthResponse(as, c, callbackUrl, tx.state);
      } catch (error) {
        throw toGatehouseError(error, 'invalid_callback', 'sign-in callback');
      }
      try {
        const response = await oauth.authorizationCodeGrantRequest(as, c, auth(), params, tx.redirectUri, tx.codeVerifier, http());
        return toTokenSet(await oauth.processAuthorizationCodeResponse(as, c, response, { expectedNonce: tx.nonce, requireIdToken: true }));
      } catch (error) {
        throw toGatehouseError(error, 'invalid_response', 'code exchange');
      }
    },

    /**
     * refresh_token grant, for one resource (RFC 8707) or, without one, the userinfo token.
     * With `organizationId` (Logto's `organization_id`): without a resource an organization
     * token, with one an API token scoped to that organization.
     */
    async refresh(refreshToken: string, resource?: string, organizationId?: string): Promise<TokenSet> {
      const as = await discover();
      const c = client();
      try {
        const additionalParameters: Record<string, string> = {};
        if (resource) additionalParameters.resource = resource;
        if (organizationId) additionalParameters.organization_id = organizationId;
        const options = { ...http(), additionalParameters };
        const response = await oauth.refreshTokenGrantRequest(as, c, auth(), refreshToken, options);
        return toTokenSet(await oauth.processRefreshTokenResponse(as, c, response));
      } catch (error) {
        throw toGatehouseError(error, 'invalid_response', 'refresh');
      }
    },

    async userInfo(accessToken: string, expectedSubject: string): Promise<UserInfo> {
      const as = await discover();
      try {
        const response = await oauth.userInfoRequest(as, client(), accessToken, http());
        return await oauth.processUserInfoResponse(as, client(), expectedSubject, response);
      } catch (error) {
        throw toGatehouseError(error, 'invalid_response', 'userinfo');
      }
    },

    async revokeRefreshToken(refreshToken: string): Promise<void> {
      const as = await discover();
      if (!as.revocation_endpoint) return;
      const options = { ...http(), additionalParameters: { token_type_hint: 'refresh_token' } };
      const response = await oauth.revocationRequest(as, client(), auth(), refreshToken, options);
      await oauth.processRevocationResponse(response);
    },

    /** RP-initiated logout URL, or undefined when the server has no end_session_endpoint. */
    async endSessionUrl(input: { idTokenHint?: string; postLogoutRedirectUri?: string }): Promise<string | undefined> {
      const as = await discover();
      if (!as.end_session_endpoint) return undefined;
      const url = new URL(as.end_session_endpoint);
      url.searchParams.set('client_id', config.appId);
      if (input.idTokenHint) url.searchParams.set('id_token_hint', input.idTokenHint);
      if (input.postLogoutRedirectUri) url.searchParams.set('post_logout_redirect_uri', input.postLogoutRedirectUri);
      return url.href;
    },
  };
}

import * as oauth from 'oauth4webapi';
import type { ConsoleTokens, PendingSignIn } from './token-store.ts';

/**
 * The console's own OIDC client (authorization code + PKCE S256, public client) on
 * oauth4webapi. It asks for a Management API token (`resource=<origin>/api`, scope `all`)
 * and a refresh token (`offline_access` + `prompt=consent`), and passes `resource` again
 * on the code exchange and on every refresh, so each access token is a JWT for the API.
 */
export const CLIENT_ID = 'gatehouse-console';
export const SCOPE = 'openid offline_access profile all';

export interface ConsoleOidcConfig {
  issuer: string;
  redirectUri: string;
  postLogoutRedirectUri: string;
  resource: string;
}

export function configFor(origin: string): ConsoleOidcConfig {
  return {
    issuer: `${origin}/oidc`,
    redirectUri: `${origin}/console/callback`,
    postLogoutRedirectUri: `${origin}/console`,
    resource: `${origin}/api`,
  };
}

const client: oauth.Client = { client_id: CLIENT_ID, token_endpoint_auth_method: 'none' };

// Plain http is fine on localhost and in tests; oauth4webapi refuses it unless told.
const insecure = (url: string) => ({ [oauth.allowInsecureRequests]: new URL(url).protocol === 'http:' });

let discovery: Promise<oauth.AuthorizationServer> | undefined;

export function discover(config: ConsoleOidcConfig): Promise<oauth.AuthorizationServer> {
  discovery ??= (async () => {
    const issuer = new URL(config.issuer);
    const response = await oauth.discoveryRequest(issuer, { algorithm: 'oidc', ...insecure(config.issuer) });
    return oauth.processDiscoveryResponse(issuer, response);
  })();
  discovery.catch(() => {
    discovery = undefined; // let the next attempt retry
  });
  return discovery;
}

/** Builds the authorization URL and the state to keep until the callback. */
export async function createSignInRequest(config: ConsoleOidcConfig, returnTo: string): Promise<{ url: URL; pending: PendingSignIn }> {
  const as = await discover(config);
  const verifier = oauth.generateRandomCodeVerifier();
  const state = oauth.generateRandomState();
  const url = new URL(as.authorization_endpoint!);
  url.search = new URLSearchParams({
    client_id: CLIENT_ID,
    redirect_uri: config.redirectUri,
    response_type: 'code',
    scope: SCOPE,
    resource: config.resource,
    prompt: 'consent',
    state,
    code_challenge: await oauth.calculatePKCECodeChallenge(verifier),
    code_challenge_method: 'S256',
  }).toString();
  return { url, pending: { verifier, state, returnTo } };
}

function toTokens(response: oauth.TokenEndpointResponse, previous?: ConsoleTokens): ConsoleTokens {
  const claims = oauth.getValidatedIdTokenClaims(response);
  return {
    accessToken: response.access_token,
    expiresAt: Date.now() + (response.expires_in ?? 300) * 1000,
    refreshToken: response.refresh_token ?? previous?.refreshToken,
    idToken: response.id_token ?? previous?.idToken,
    scope: response.scope ?? previous?.scope ?? '',
    user: claims
      ? { sub: claims.sub, name: claims.name as string | undefined, username: claims.username as string | undefined }
      : (previous?.user ?? { sub: '' }),
  };
}

/** Completes the callback: checks state and `iss`, exchanges the code with the PKCE verifier. */
export async function completeSignIn(config: ConsoleOidcConfig, callbackUrl: URL, pending: PendingSignIn): Promise<ConsoleTokens> {
  const as = await discover(config);
  const params = oauth.validateAuthResponse(as, client, callbackUrl, pending.state);
  const response = await oauth.authorizationCodeGrantRequest(as, client, oauth.None(), params, config.redirectUri, pending.verifier, {
    additionalParameters: { resource: config.resource },
    ...insecure(config.issuer),
  });
  return toTokens(await oauth.processAuthorizationCodeResponse(as, client, response));
}

export async function refreshTokens(config: ConsoleOidcConfig, tokens: ConsoleTokens): Promise<ConsoleTokens> {
  if (!tokens.refreshToken) throw new Error('No refresh token: sign in again.');
  const as = await discover(config);
  const response = await oauth.refreshTokenGrantRequest(as, client, oauth.None(), tokens.refreshToken, {
    additionalParameters: { resource: config.resource },
    ...insecure(config.issuer),
  });
  return toTokens(await oauth.processRefreshTokenResponse(as, client, response), tokens);
}

/** Revokes the refresh token (best effort) and returns the RP-initiated logout URL. */
export async function createSignOutUrl(config: ConsoleOidcConfig, tokens: ConsoleTokens | undefined): Promise<URL> {
  const as = await discover(config);
  if (tokens?.refreshToken && as.revocation_endpoint) {
    try {
      const response = await oauth.revocationRequest(as, client, oauth.None(), tokens.refreshToken, insecure(config.issuer));
      await oauth.processRevocationResponse(response);
    } catch {
      // the session end below still signs the admin out
    }
  }
  const url = new URL(as.end_session_endpoint ?? `${config.issuer}/session/end`);
  url.searchParams.set('client_id', CLIENT_ID);
  url.searchParams.set('post_logout_redirect_uri', config.postLogoutRedirectUri);
  if (tokens?.idToken) url.searchParams.set('id_token_hint', tokens.idToken);
  return url;
}

/** A readable message for errors from the OAuth layer. */
export function describeAuthError(error: unknown): string {
  if (error instanceof oauth.AuthorizationResponseError || error instanceof oauth.ResponseBodyError) {
    return error.error_description ? `${error.error}: ${error.error_description}` : error.error;
  }
  return error instanceof Error ? error.message : String(error);
}

import * as client from 'openid-client';
import {
  identityFromClaims,
  mapProfile,
  DEFAULT_PROFILE_MAP,
  type ConnectorConfig,
  type ConnectorProtocol,
  type UpstreamIdentity,
} from '../../domain/connectors/config.ts';
import { ConnectorError } from '../../domain/errors.ts';

/*
 * The upstream half of "sign in with another identity provider", done by openid-client 6 (an
 * OpenID Certified relying-party library, on oauth4webapi): PKCE (S256) always, state always, a
 * nonce for OIDC, the RFC 9207 `iss` response parameter checked when the provider sends or
 * advertises it, and the ID token's signature (enableNonRepudiationChecks: by default
 * openid-client trusts an ID token fetched over TLS without checking its signature), iss, aud,
 * exp, nonce and azp. Nothing here keeps state: the caller stores the pending request with the
 * interaction it belongs to.
 */

/** What the callback needs to finish the request it answers. Kept server-side only. */
export interface PendingAuthorization {
  state: string;
  nonce?: string;
  codeVerifier: string;
  redirectUri: string;
}

/** http: endpoints only on loopback (development and tests); anything else must be https. */
function isLoopback(url: string): boolean {
  try {
    const { hostname, protocol } = new URL(url);
    return protocol === 'http:' && ['127.0.0.1', 'localhost', '[::1]'].includes(hostname);
  } catch {
    return false;
  }
}

function assertUrl(name: string, value: string | undefined): void {
  let ok: boolean;
  try {
    ok = value !== undefined && (new URL(value).protocol === 'https:' || isLoopback(value));
  } catch {
    ok = false;
  }
  if (!ok) throw new ConnectorError('connector.invalid_config', `${name} must be an https URL (http only on loopback).`);
}

const TIMEOUT_SECONDS = 10;

/** The provider's metadata from its issuer (OIDC discovery), checked by openid-client (issuer must match). */
export async function discoverIssuer(issuer: string): Promise<client.ServerMetadata> {
  assertUrl('issuer', issuer);
  try {
    const config = await client.discovery(new URL(issuer), 'discovery', undefined, undefined, {
      execute: isLoopback(issuer) ? [client.allowInsecureRequests] : [],
      timeout: TIMEOUT_SECONDS,
    });
    return config.serverMetadata();
  } catch (error) {
    throw new ConnectorError('connector.invalid_config', `OpenID Connect discovery at ${issuer} failed: ${(error as Error).message}`, {
      cause: error,
    });
  }
}

/** Checks the endpoints a connector's config names (the rest is checked by the route's schema). */
export function assertConfigUrls(config: ConnectorConfig, protocol: ConnectorProtocol): void {
  assertUrl('authorizationEndpoint', config.authorizationEndpoint);
  assertUrl('tokenEndpoint', config.tokenEndpoint);
  if (protocol === 'oidc') assertUrl('idTokenVerificationConfig.jwksUri', config.idTokenVerificationConfig?.jwksUri);
  else assertUrl('userInfoEndpoint', config.userInfoEndpoint);
}

function configurationOf(config: ConnectorConfig, protocol: ConnectorProtocol): client.Configuration {
  const verification = config.idTokenVerificationConfig;
  const metadata: client.ServerMetadata = {
    // OAuth 2.0 providers have no issuer: the authorization endpoint's origin stands in (used only
    // to compare an `iss` response parameter, should one be sent).
    issuer: verification?.issuer ?? config.issuer ?? new URL(config.authorizationEndpoint).origin,
    authorization_endpoint: config.authorizationEndpoint,
    token_endpoint: config.tokenEndpoint,
    ...(verification ? { jwks_uri: verification.jwksUri } : {}),
    ...(verification?.algorithms ? { id_token_signing_alg_values_supported: verification.algorithms } : {}),
    ...(config.userInfoEndpoint ? { userinfo_endpoint: config.userInfoEndpoint } : {}),
  };
  const auth =
    config.tokenEndpointAuthMethod === 'client_secret_basic'
      ? client.ClientSecretBasic(config.clientSecret)
      : client.ClientSecretPost(config.clientSecret);
  const configuration = new client.Configuration(metadata, config.clientId, undefined, auth);
  configuration.timeout = TIMEOUT_SECONDS;
  const endpoints = [config.authorizationEndpoint, config.tokenEndpoint, verification?.jwksUri, config.userInfoEndpoint];
  if (endpoints.some((url) => url !== undefined && isLoopback(url))) client.allowInsecureRequests(configuration);
  if (protocol === 'oidc') client.enableNonRepudiationChecks(configuration);
  return configuration;
}

const OPTIONAL_PARAMS: Record<string, string> = {
  responseMode: 'response_mode',
  display: 'display',
  prompt: 'prompt',
  maxAge: 'max_age',
  uiLocales: 'ui_locales',
  loginHint: 'login_hint',
  acrValues: 'acr_values',
};

/** The authorization URL to send the browser to, and what its callback will need. */
export async function buildUpstreamAuthorization(input: {
  config: ConnectorConfig;
  protocol: ConnectorProtocol;
  redirectUri: string;
  state?: string;
}): Promise<{ url: string; pending: PendingAuthorization }> {
  const { config, protocol } = input;
  const codeVerifier = client.randomPKCECodeVerifier();
  const state = input.state ?? client.randomState();
  const nonce = protocol === 'oidc' ? client.randomNonce() : undefined;
  const params: Record<string, string> = {
    redirect_uri: input.redirectUri,
    state,
    code_challenge: await client.calculatePKCECodeChallenge(codeVerifier),
    code_challenge_method: 'S256',
    ...(config.scope ? { scope: config.scope } : {}),
    ...(nonce ? { nonce } : {}),
  };
  for (const [key, value] of Object.entries(config.authRequestOptionalConfig ?? {})) {
    const name = OPTIONAL_PARAMS[key];
    if (name && typeof value === 'string' && value !== '') params[name] = value;
  }
  const url = client.buildAuthorizationUrl(configurationOf(config, protocol), params);
  return { url: url.href, pending: { state, nonce, codeVerifier, redirectUri: input.redirectUri } };
}

/** Why openid-client refused, without the response body (it may hold tokens). */
function reasonOf(error: unknown): string {
  if (error instanceof client.AuthorizationResponseError) {
    return `the provider answered ${error.error}${error.error_description ? `: ${error.error_description}` : ''}`;
  }
  if (error instanceof client.ResponseBodyError) return `the token endpoint answered ${error.error}`;
  return error instanceof Error ? error.message : 'unknown error';
}

/**
 * Finishes an authorization: validates the callback parameters against the pending request
 * (state, iss), redeems the code with the PKCE verifier, verifies the ID token (OIDC) or reads
 * the user-info endpoint (OAuth 2.0, mapped by the profileMap). Refusals are
 * connector.authorization_failed with the reason; no token ever appears in a message.
 */
export async function completeUpstreamAuthorization(input: {
  config: ConnectorConfig;
  protocol: ConnectorProtocol;
  target: string;
  pending: PendingAuthorization;
  callbackParams: URLSearchParams;
}): Promise<{ identity: UpstreamIdentity; tokens: Record<string, unknown> }> {
  const { config, protocol, pending } = input;
  const configuration = configurationOf(config, protocol);
  const currentUrl = new URL(pending.redirectUri);
  currentUrl.search = input.callbackParams.toString();
  try {
    const tokens = await client.authorizationCodeGrant(configuration, currentUrl, {
      pkceCodeVerifier: pending.codeVerifier,
      expectedState: pending.state,
      ...(pending.nonce ? { expectedNonce: pending.nonce } : {}),
      idTokenExpected: protocol === 'oidc',
    });
    const kept = {
      access_token: tokens.access_token,
      ...(tokens.refresh_token ? { refresh_token: tokens.refresh_token } : {}),
      ...(tokens.id_token ? { id_token: tokens.id_token } : {}),
      ...(tokens.expires_in ? { expires_at: Date.now() + tokens.expires_in * 1000 } : {}),
      ...(tokens.scope ? { scope: tokens.scope } : {}),
    };
    if (protocol === 'oidc') {
      const claims = { ...(tokens.claims() as Record<string, unknown>) };
      // The ID token is enough when it names the email; otherwise ask user info (same subject).
      if (claims.email === undefined && config.userInfoEndpoint) {
        const info = await client.fetchUserInfo(configuration, tokens.access_token, String(claims.sub));
        for (const [key, value] of Object.entries(info)) if (!(key in claims)) claims[key] = value;
      }
      return { identity: identityFromClaims(input.target, claims, config.trustUnverifiedEmail), tokens: kept };
    }
    const response = await client.fetchProtectedResource(configuration, tokens.access_token, new URL(config.userInfoEndpoint ?? ''), 'GET');
    if (!response.ok) throw new Error(`the user-info endpoint answered ${response.status}`);
    const info: unknown = await response.json();
    const identity =
      info && typeof info === 'object'
        ? mapProfile(input.target, info as Record<string, unknown>, config.profileMap ?? DEFAULT_PROFILE_MAP)
        : undefined;
    if (!identity) throw new Error('the user-info response has no account id at the profileMap id path');
    return { identity, tokens: kept };
  } catch (error) {
    // No cause attached: openid-client's errors may carry the token response body.
    throw new ConnectorError('connector.authorization_failed', `Signing in with ${input.target} failed: ${reasonOf(error)}.`);
  }
}

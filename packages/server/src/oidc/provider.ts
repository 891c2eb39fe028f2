import type { JWK } from 'jose';
import { Provider, type Configuration } from 'oidc-provider';
import type { Config } from '../config/index.ts';
import { SIGNING_ALGORITHMS, type SigningAlgorithm } from '../domain/keys/algorithms.ts';
import { hashClientSecret } from '../services/applications.ts';
import { timingSafeEqual } from 'node:crypto';
import type { Db } from '../storage/db.ts';
import type { ApplicationRow } from '../storage/schema.ts';
import { createAdapterFactory, releaseConsumed } from '../storage/oidc-adapter.ts';
import { logoutSource, postLogoutSuccessSource, renderError } from './pages.ts';
import { stampGrantId } from './jwt-introspection.ts';
import { omitIdTokenOnResourceRefresh } from './refresh-id-token.ts';
import { acceptOrganizationId } from './organization-grants.ts';
import { ORGANIZATION_ROLES_SCOPE, ORGANIZATIONS_SCOPE } from '../domain/rbac/organizations.ts';
import { keepRefusedRefreshToken, rotateRefreshToken } from './refresh-rotation.ts';
import { ACR_VALUES } from '../domain/accounts/mfa.ts';
import { registerTokenExchange, type TokenExchangeHooks } from './token-exchange.ts';

export interface ProviderHooks {
  findAccount: NonNullable<Configuration['findAccount']>;
  getResourceServerInfo: NonNullable<NonNullable<NonNullable<Configuration['features']>['resourceIndicators']>['getResourceServerInfo']>;
  extraTokenClaims?: Configuration['extraTokenClaims'];
  /** Origins allowed to call the token endpoints from a browser (SPA redirect URI origins). */
  isAllowedOrigin: (origin: string, clientId: string) => boolean;
  /** Logto's impersonation grant (oidc/token-exchange.ts); every client lists it (storage/oidc-adapter.ts). */
  tokenExchange: Omit<TokenExchangeHooks, 'findAccount' | 'getResourceServerInfo'>;
}

/**
 * All oidc-provider configuration lives here. RFC 9700 defaults: code flow only, PKCE S256
 * (required for public clients), exact redirect URIs, rotating refresh tokens with reuse
 * detection (oidc-provider revokes the grant when a consumed refresh token comes back),
 * `iss` in authorization responses, no implicit or password grant.
 */
export function createProvider(input: {
  config: Readonly<Config>;
  db: Db;
  keys: JWK[];
  cookieKeys: string[];
  hooks: ProviderHooks;
  findClient: (id: string) => Promise<ApplicationRow | undefined>;
}): Provider {
  const { config, hooks } = input;
  const provider = new Provider(config.issuer, {
    adapter: createAdapterFactory(input.db, input.findClient),
    findAccount: hooks.findAccount,
    jwks: { keys: input.keys },
    cookies: {
      keys: input.cookieKeys,
      long: { signed: true, httpOnly: true, sameSite: 'lax' },
      // path '/': the interaction cookie must reach /api/experience as well as /sign-in/:uid (Logto's too).
      short: { signed: true, httpOnly: true, sameSite: 'lax', path: '/' },
    },
    // How the user signed in (services/experience/mfa.ts): RFC 8176 amr and our two acr levels.
    acrValues: ACR_VALUES,
    claims: {
      // acr and amr under openid: every ID token says how the user signed in (not only when asked with the claims parameter).
      openid: ['sub', 'acr', 'amr'],
      profile: ['name', 'username', 'picture', 'updated_at'],
      email: ['email', 'email_verified'],
      phone: ['phone_number', 'phone_number_verified'],
      // Logto's organization claims (oidc/account.ts).
      [ORGANIZATIONS_SCOPE]: ['organizations'],
      [ORGANIZATION_ROLES_SCOPE]: ['organization_roles'],
    },
    // urn:logto:scope:sessions: the Account API's sessions and grants (Logto's UserScope.Sessions; no claims).
    scopes: [
      'openid',
      'offline_access',
      'profile',
      'email',
      'phone',
      ORGANIZATIONS_SCOPE,
      ORGANIZATION_ROLES_SCOPE,
      'urn:logto:scope:sessions',
    ],
    responseTypes: ['code'],
    pkce: { required: (_ctx, client) => client.clientAuthMethod === 'none' },
    // Single use, rotation and what a refused refresh leaves behind: oidc/refresh-rotation.ts.
    rotateRefreshToken,
    // Like Logto: the ID token carries the claims its scopes grant (name, username, ...).
    conformIdTokenClaims: false,
    // ID tokens are signed with the current key's algorithm (keys[0] is the signing key).
    clientDefaults: { id_token_signed_response_alg: (input.keys[0]?.alg ?? config.signingAlg) as SigningAlgorithm },
    enabledJWA: {
      idTokenSigningAlgValues: [...SIGNING_ALGORITHMS],
      requestObjectSigningAlgValues: [...SIGNING_ALGORITHMS],
      userinfoSigningAlgValues: [...SIGNING_ALGORITHMS],
      introspectionSigningAlgValues: [...SIGNING_ALGORITHMS],
      authorizationSigningAlgValues: [...SIGNING_ALGORITHMS],
    },
    interactions: { url: (_ctx, interaction) => `/sign-in/${interaction.uid}` },
    // Logto's first_screen (register | signIn): which page the hosted sign-in opens on.
    // Logto's direct_sign_in (social:<target>, sso:<id>): skip the first screen (routes/sign-in.social.ts).
    extraParams: ['first_screen', 'direct_sign_in'],
    features: {
      devInteractions: { enabled: false },
      clientCredentials: { enabled: true },
      // A client may introspect or revoke only its own tokens; confidential clients (resource
      // servers) may introspect any token, as RFC 7662 intends.
      introspection: {
        enabled: true,
        allowedPolicy: (_ctx, client, token) => client.clientAuthMethod !== 'none' || token.clientId === client.clientId,
      },
      revocation: { enabled: true, allowedPolicy: (_ctx, client, token) => token.clientId === client.clientId },
      rpInitiatedLogout: { enabled: true, logoutSource, postLogoutSuccessSource },
      userinfo: { enabled: true },
      resourceIndicators: {
        enabled: true,
        defaultResource: () => undefined,
        useGrantedResource: () => false,
        getResourceServerInfo: hooks.getResourceServerInfo,
      },
    },
    extraTokenClaims: hooks.extraTokenClaims,
    // The grant id in JWT access tokens, so introspection can see a revoked grant.
    formats: { customizers: { jwt: stampGrantId } },
    clientBasedCORS: (_ctx, origin, client) => hooks.isAllowedOrigin(origin, client.clientId),
    renderError,
    ttl: {
      // A resource's own accessTokenTtl wins (getResourceServerInfo passes it).
      AccessToken: (_ctx, token) => token.resourceServer?.accessTokenTTL ?? config.accessTokenTtl,
      ClientCredentials: (_ctx, token) => token.resourceServer?.accessTokenTTL ?? config.accessTokenTtl,
      AuthorizationCode: 60,
      IdToken: 3600,
      Interaction: 3600,
      Grant: config.refreshTokenTtl,
      Session: config.sessionTtl,
      RefreshToken: config.refreshTokenTtl,
    },
  });
  provider.proxy = config.trustProxy;
  provider.use(keepRefusedRefreshToken((jti) => releaseConsumed(input.db, 'RefreshToken', jti)));

  // Client secrets are stored as SHA-256 digests (see services/applications.ts), so the
  // provider's plain comparison is replaced by a constant-time digest comparison.
  provider.Client.prototype.compareClientSecret = function compareClientSecret(this: { clientSecret?: string }, actual: string) {
    const stored = Buffer.from(this.clientSecret ?? '', 'hex');
    const given = Buffer.from(hashClientSecret(String(actual)), 'hex');
    return stored.length === given.length && timingSafeEqual(stored, given);
  };
  omitIdTokenOnResourceRefresh(provider);
  acceptOrganizationId(provider);
  registerTokenExchange(provider, {
    ...hooks.tokenExchange,
    findAccount: hooks.findAccount,
    getResourceServerInfo: hooks.getResourceServerInfo,
  });
  return provider;
}

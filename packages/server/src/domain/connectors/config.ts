/*
 * Logto's generic connectors, their config fields and presets. Pure data and functions: the
 * zod schemas that parse these shapes live with the routes, the upstream protocol in
 * services/connectors/upstream.ts.
 */

/** Logto's connector factory ids this server implements. */
export const CONNECTOR_IDS = ['oidc', 'oauth2', 'github-universal', 'google-universal'] as const;
export type ConnectorFactoryId = (typeof CONNECTOR_IDS)[number];

type TokenEndpointAuthMethod = 'client_secret_basic' | 'client_secret_post';

/** Logto's authRequestOptionalConfig (OIDC connector): extra parameters of the authorization request. */
interface AuthRequestOptionalConfig {
  responseMode?: string;
  display?: string;
  prompt?: string;
  maxAge?: string;
  uiLocales?: string;
  loginHint?: string;
  acrValues?: string;
}

/** Logto's profileMap (OAuth2 connector): where each profile field is in the user-info response, as a dotted path. */
export interface ProfileMap {
  id: string;
  email: string;
  name: string;
  avatar: string;
  /** Gatehouse's addition: where the provider says the email is verified (absent: never verified). */
  emailVerified?: string;
}

export const DEFAULT_PROFILE_MAP: ProfileMap = { id: 'id', email: 'email', name: 'name', avatar: 'avatar' };

/**
 * The stored, resolved config of a connector: what the upstream protocol needs. OIDC connectors
 * have idTokenVerificationConfig; OAuth2 ones userInfoEndpoint and profileMap.
 */
export interface ConnectorConfig {
  clientId: string;
  clientSecret: string;
  scope: string;
  authorizationEndpoint: string;
  tokenEndpoint: string;
  tokenEndpointAuthMethod: TokenEndpointAuthMethod;
  /** OIDC: the discovery issuer, when the endpoints came from discovery. */
  issuer?: string;
  idTokenVerificationConfig?: { jwksUri: string; issuer?: string; audience?: string; algorithms?: string[] };
  userInfoEndpoint?: string;
  profileMap?: ProfileMap;
  authRequestOptionalConfig?: AuthRequestOptionalConfig;
  /** Logto's OIDC trustUnverifiedEmail: treat the email as verified even when email_verified is not true. */
  trustUnverifiedEmail?: boolean;
}

export type ConnectorProtocol = 'oidc' | 'oauth2';

interface Preset {
  protocol: ConnectorProtocol;
  /** Logto's default target and name for the preset. */
  target?: string;
  name?: string;
  /** Fixed config the admin does not give (endpoints, profile map). */
  fixed?: Partial<ConnectorConfig>;
  defaultScope: string;
}

export const PRESETS: Record<ConnectorFactoryId, Preset> = {
  oidc: { protocol: 'oidc', defaultScope: 'openid profile email' },
  oauth2: { protocol: 'oauth2', defaultScope: '' },
  'github-universal': {
    protocol: 'oauth2',
    target: 'github',
    name: 'GitHub',
    defaultScope: 'read:user user:email',
    fixed: {
      authorizationEndpoint: 'https://github.com/login/oauth/authorize',
      tokenEndpoint: 'https://github.com/login/oauth/access_token',
      userInfoEndpoint: 'https://api.github.com/user',
      tokenEndpointAuthMethod: 'client_secret_post',
      profileMap: { id: 'id', email: 'email', name: 'name', avatar: 'avatar_url' },
    },
  },
  'google-universal': {
    protocol: 'oidc',
    target: 'google',
    name: 'Google',
    defaultScope: 'openid profile email',
    fixed: { issuer: 'https://accounts.google.com' },
  },
};

/** Logto's rule: an OIDC connector's scope always contains openid. */
export function withOpenIdScope(scope: string): string {
  const scopes = scope.split(/[ +]/).filter(Boolean);
  return scopes.includes('openid') ? scopes.join(' ') : [...scopes, 'openid'].join(' ');
}

/** Reads a dotted path (`data.user.id`, `emails.0.address`) out of a JSON document. */
function valueAtPath(document: unknown, path: string): unknown {
  let value: unknown = document;
  for (const key of path.split('.')) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<string, unknown>)[key];
  }
  return value;
}

/** The upstream account, as a verified callback yields it. */
export interface UpstreamIdentity {
  /** The connector's target (or 'sso:<id>'): the key under which the identity is stored. */
  target: string;
  /** The upstream account id (`sub` or profileMap.id). */
  userId: string;
  email?: string;
  /** True only when the upstream asserted it (email_verified, or the profileMap's emailVerified path). */
  emailVerified: boolean;
  name?: string;
  avatar?: string;
  /** The raw claims or user-info document, kept as the identity's details. */
  rawData: Record<string, unknown>;
}

const asString = (v: unknown) => (typeof v === 'string' && v !== '' ? v : typeof v === 'number' ? String(v) : undefined);
const asBoolean = (v: unknown) => v === true || v === 'true';

/** Logto's OAuth2 profile mapping, with nested paths. Undefined when the id is missing. */
export function mapProfile(target: string, info: Record<string, unknown>, map: ProfileMap): UpstreamIdentity | undefined {
  const userId = asString(valueAtPath(info, map.id));
  if (!userId) return undefined;
  return {
    target,
    userId,
    email: asString(valueAtPath(info, map.email))?.toLowerCase(),
    emailVerified: map.emailVerified ? asBoolean(valueAtPath(info, map.emailVerified)) : false,
    name: asString(valueAtPath(info, map.name)),
    avatar: asString(valueAtPath(info, map.avatar)),
    rawData: info,
  };
}

/** OIDC standard claims (ID token, merged with user info) to the upstream identity. */
export function identityFromClaims(target: string, claims: Record<string, unknown>, trustUnverifiedEmail = false): UpstreamIdentity {
  const email = asString(claims.email)?.toLowerCase();
  return {
    target,
    userId: String(claims.sub),
    email,
    emailVerified: email !== undefined && (trustUnverifiedEmail || asBoolean(claims.email_verified)),
    name: asString(claims.name),
    avatar: asString(claims.picture),
    rawData: claims,
  };
}

/**
 * Secrets are never returned in full: the last four characters after a fixed mask, enough to
 * tell two secrets apart. (A deviation from Logto, whose Management API returns configs whole.)
 */
export function maskSecret(secret: string): string {
  return secret.length <= 8 ? '********' : `********${secret.slice(-4)}`;
}

/** A PATCH that sends back the masked value (or no secret) keeps the stored secret. */
export function keepsStoredSecret(given: string | undefined): boolean {
  return given === undefined || given.startsWith('********');
}

/** Logto's redirect URI to register at the upstream provider. */
export function callbackUri(endpoint: string, connectorId: string): string {
  return `${endpoint.replace(/\/$/, '')}/callback/${connectorId}`;
}

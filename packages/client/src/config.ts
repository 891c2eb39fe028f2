import { GatehouseError } from './errors.ts';
import { BrowserStorage, hasWebStorage, MemoryStorage, type Storage } from './storage.ts';

/**
 * Scopes every sign-in asks for: `openid` (an ID token), `offline_access` (a refresh token,
 * which is how resource access tokens are obtained) and `profile`. Configured `scopes` are
 * added to these, as in Logto's SDKs.
 *
 * @example
 * ```ts
 * DEFAULT_SCOPES; // ['openid', 'offline_access', 'profile']
 * ```
 */
export const DEFAULT_SCOPES: readonly string[] = Object.freeze(['openid', 'offline_access', 'profile']);

/**
 * Reserved scopes, with Logto's names and values. `Organizations` releases the `organizations`
 * claim (the ids of the user's organizations) and is needed for organization tokens;
 * `OrganizationRoles` releases `organization_roles` (`"<orgId>:<roleName>"`).
 *
 * @example
 * ```ts
 * const client = new GatehouseClient({ endpoint, appId, scopes: [UserScope.Organizations, UserScope.OrganizationRoles] });
 * ```
 */
export const UserScope = Object.freeze({
  Organizations: 'urn:logto:scope:organizations',
  OrganizationRoles: 'urn:logto:scope:organization_roles',
} as const);

/**
 * Reserved resource indicators, with Logto's names and values. `Organization` is the resource
 * whose tokens are organization tokens; the client adds it to the sign-in's resources whenever
 * {@link UserScope.Organizations} is among the scopes, as Logto's SDKs do.
 *
 * @example
 * ```ts
 * ReservedResource.Organization; // 'urn:logto:resource:organizations'
 * ```
 */
export const ReservedResource = Object.freeze({ Organization: 'urn:logto:resource:organizations' } as const);

/**
 * Client configuration, in the shape of Logto's `LogtoConfig`.
 *
 * @example
 * ```ts
 * const config: GatehouseConfig = {
 *   endpoint: 'http://localhost:3001',
 *   appId: 'your-app-id',
 *   resources: ['https://hasura.example.com/api'],
 *   scopes: ['read:user', 'maintain:user'],
 * };
 * ```
 */
export interface GatehouseConfig {
  /** The Gatehouse server's base URL. The issuer is `${endpoint}/oidc`. `http:` is allowed for localhost only. */
  endpoint: string;
  /** The application's id (OAuth `client_id`). */
  appId: string;
  /** The application's secret, for confidential (server-side) apps: sent with client_secret_basic. Never in a browser. */
  appSecret?: string;
  /**
   * Extra scopes, e.g. the resource scopes (`read:user`); added to {@link DEFAULT_SCOPES}. Add
   * {@link UserScope.Organizations} for organization tokens, plus the organization permissions
   * (e.g. `invite:member`) the app wants in them.
   */
  scopes?: string[];
  /** API resource indicators the app wants tokens for; each is sent as a `resource` parameter at sign-in. */
  resources?: string[];
  /** The OIDC `prompt` of sign-in requests. Default `consent`, which oidc-provider needs to issue a refresh token. */
  prompt?: string;
  /** Where state is kept. Default: {@link BrowserStorage} in a browser, {@link MemoryStorage} elsewhere. */
  storage?: Storage;
  /** The fetch used for every request (discovery, token, revocation, `fetchWithToken`). Default: global fetch. */
  fetch?: typeof fetch;
  /** The clock, in milliseconds since the epoch. Default `Date.now`. Used for token expiry and JWT time checks. */
  now?: () => number;
  /** How to leave the page for sign-in and sign-out. Default in a browser: `location.assign`. */
  navigate?: (url: string) => void | Promise<void>;
}

/** The configuration with its defaults applied. */
export interface ResolvedConfig {
  endpoint: string;
  issuer: URL;
  appId: string;
  appSecret?: string;
  scopes: string[];
  resources: string[];
  prompt: string;
  storage: Storage;
  fetch: typeof fetch;
  now: () => number;
  /** True when a clock was injected, so that JWT time checks follow it. */
  customClock: boolean;
  navigate?: (url: string) => void | Promise<void>;
  /** http: is accepted (localhost only). */
  insecure: boolean;
}

const isLoopback = (hostname: string) =>
  hostname === 'localhost' || hostname.endsWith('.localhost') || hostname === '[::1]' || /^127(\.\d{1,3}){3}$/.test(hostname);

export function resolveConfig(config: GatehouseConfig): ResolvedConfig {
  if (!config.appId) throw new GatehouseError('invalid_config', 'appId is required');
  let base: URL;
  try {
    base = new URL(config.endpoint);
  } catch (error) {
    throw new GatehouseError('invalid_config', `endpoint is not a URL: ${String(config.endpoint)}`, { cause: error });
  }
  const insecure = base.protocol === 'http:';
  if (base.protocol !== 'https:' && !(insecure && isLoopback(base.hostname))) {
    throw new GatehouseError('invalid_config', 'endpoint must use https: (http: is allowed for localhost only)');
  }
  const endpoint = base.href.replace(/\/+$/, '');
  const browserNavigate =
    typeof window !== 'undefined' && typeof window.location?.assign === 'function'
      ? (url: string) => window.location.assign(url)
      : undefined;
  const navigate = config.navigate ?? browserNavigate;
  const customFetch = config.fetch;
  const scopes = [...new Set([...DEFAULT_SCOPES, ...(config.scopes ?? [])])];
  // Organization tokens are tokens for the reserved resource, which must be in the grant.
  const organizationResource = scopes.includes(UserScope.Organizations) ? [ReservedResource.Organization] : [];
  return {
    endpoint,
    issuer: new URL(`${endpoint}/oidc`),
    appId: config.appId,
    ...(config.appSecret ? { appSecret: config.appSecret } : {}),
    scopes,
    resources: [...new Set([...(config.resources ?? []), ...organizationResource])],
    prompt: config.prompt ?? 'consent',
    storage: config.storage ?? (hasWebStorage() ? new BrowserStorage(config.appId) : new MemoryStorage()),
    // Called as plain functions (window.fetch throws "Illegal invocation" as a method of
    // another object); the global one is looked up at call time.
    fetch: customFetch ? (input, init) => customFetch(input, init) : (input, init) => globalThis.fetch(input, init),
    now: config.now ?? Date.now,
    customClock: config.now !== undefined,
    ...(navigate ? { navigate } : {}),
    insecure,
  };
}

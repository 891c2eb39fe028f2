import { BrowserStorage, type GatehouseConfig, type Storage } from '@gatehouse/client';

/**
 * The console signs in with the SDK, as any SPA would: the built-in first-party client
 * `gatehouse-console`, a Management API token (`resource=<origin>/api`, scope `all`) and a
 * refresh token. Everything protocol-side (PKCE, rotation, the refresh single-flight, the
 * expiry margin) is the SDK's.
 */
const CONSOLE_APP_ID = 'gatehouse-console';

/** The console's URLs on a server at `origin` (its redirect URIs are registered at bootstrap). */
export function consoleUrls(origin: string) {
  return {
    managementApi: `${origin}/api`,
    redirectUri: `${origin}/console/callback`,
    postLogoutRedirectUri: `${origin}/console`,
  };
}

/**
 * The SDK configuration. Tokens live in sessionStorage: a reload in the same tab stays signed
 * in; a new tab or a closed browser signs in again, and no token outlives the tab.
 */
export function consoleConfig(
  origin: string,
  storage: Storage = new BrowserStorage(CONSOLE_APP_ID, { persistence: 'sessionStorage' }),
): GatehouseConfig {
  return { endpoint: origin, appId: CONSOLE_APP_ID, resources: [consoleUrls(origin).managementApi], scopes: ['all'], storage };
}

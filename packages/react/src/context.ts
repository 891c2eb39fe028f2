import type {
  AccessTokenClaims,
  FetchWithTokenInit,
  GatehouseClient,
  IdTokenClaims,
  SignInCallbackResult,
  SignInOptions,
  SignInParams,
  UserInfo,
} from '@gatehouse/client';
import { createContext, useContext } from 'react';

/**
 * What {@link useGatehouse} returns: the session state and the client's methods. Methods
 * that fail set `error` and reject; a `session_expired` or `not_authenticated` failure also
 * sets `isAuthenticated` to false.
 *
 * @example
 * ```tsx
 * const { isAuthenticated, isLoading, signIn }: GatehouseContextValue = useGatehouse();
 * // organizations (Logto's names): scopes include UserScope.Organizations
 * const { getOrganizationToken, getOrganizationTokenClaims } = useGatehouse();
 * const { scope } = await getOrganizationTokenClaims(organizationId);
 * ```
 */
export interface GatehouseContextValue {
  /** The underlying client, for what the hook does not wrap. */
  client: GatehouseClient;
  isAuthenticated: boolean;
  /** True while the initial session check, a sign-in callback or a sign-in/out runs. */
  isLoading: boolean;
  /** The last error of a method call (cleared by a successful sign-in). */
  error: Error | undefined;
  /** `signIn(redirectUri, options)` or `signIn({ redirectUri, firstScreen: 'register' })`, as `GatehouseClient.signIn`. */
  signIn: (target: string | SignInParams, options?: SignInOptions) => Promise<void>;
  signOut: (postLogoutRedirectUri?: string) => Promise<string | undefined>;
  /** The access token for `resource`, scoped to `organizationId` when given (see `GatehouseClient.getAccessToken`). */
  getAccessToken: (resource?: string, organizationId?: string) => Promise<string>;
  /**
   * The organization token (aud `urn:logto:organization:<id>`, scope = organization permissions).
   * Needs `UserScope.Organizations` in the configured scopes.
   */
  getOrganizationToken: (organizationId: string) => Promise<string>;
  /** The decoded claims of the organization token. */
  getOrganizationTokenClaims: (organizationId: string) => Promise<AccessTokenClaims>;
  /**
   * Drops the cached token for `resource` (in `organizationId`) if it is still `token` (after a
   * 401), so the next `getAccessToken` renews it.
   */
  invalidateAccessToken: (resource: string | undefined, token: string, organizationId?: string) => Promise<void>;
  getAccessTokenClaims: (resource: string, organizationId?: string) => Promise<AccessTokenClaims>;
  getIdTokenClaims: () => Promise<IdTokenClaims>;
  fetchUserInfo: () => Promise<UserInfo>;
  fetchWithToken: (input: string | URL, init: FetchWithTokenInit) => Promise<Response>;
  /** Used by {@link useHandleSignInCallback}. */
  handleSignInCallback: (callbackUrl: string) => Promise<SignInCallbackResult>;
}

export const GatehouseContext = createContext<GatehouseContextValue | undefined>(undefined);

/**
 * The session state and methods of the nearest {@link GatehouseProvider}.
 *
 * @example
 * ```tsx
 * function SignInButton() {
 *   const { isAuthenticated, signIn, signOut } = useGatehouse();
 *   return isAuthenticated
 *     ? <button onClick={() => signOut(window.location.origin)}>Sign out</button>
 *     : <button onClick={() => signIn(`${window.location.origin}/callback`)}>Sign in</button>;
 * }
 * ```
 */
export function useGatehouse(): GatehouseContextValue {
  const value = useContext(GatehouseContext);
  if (!value) throw new Error('useGatehouse must be used inside <GatehouseProvider>');
  return value;
}

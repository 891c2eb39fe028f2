import { GatehouseClient, isGatehouseError, type GatehouseConfig } from '@gatehouse/client';
import { useCallback, useEffect, useMemo, useRef, useState, type ReactElement, type ReactNode } from 'react';
import { GatehouseContext, type GatehouseContextValue } from './context.ts';

/**
 * Props of {@link GatehouseProvider}.
 *
 * @example
 * ```tsx
 * const props: GatehouseProviderProps = { config: { endpoint: 'http://localhost:3001', appId: 'my-app' } };
 * ```
 */
export interface GatehouseProviderProps {
  /** The client configuration; read once, when the provider mounts. */
  config: GatehouseConfig;
  children?: ReactNode;
}

const asError = (error: unknown) => (error instanceof Error ? error : new Error(String(error)));

/**
 * Creates one {@link GatehouseClient} for the tree below and tracks whether the user is
 * signed in. Render it once, near the root.
 *
 * @example
 * ```tsx
 * createRoot(root).render(
 *   <GatehouseProvider config={{ endpoint: 'http://localhost:3001', appId, resources: ['https://hasura.example.com/api'] }}>
 *     <App />
 *   </GatehouseProvider>,
 * );
 * ```
 */
export function GatehouseProvider({ config, children }: GatehouseProviderProps): ReactElement {
  const [client] = useState(() => new GatehouseClient(config));
  const [isAuthenticated, setIsAuthenticated] = useState(false);
  const [isLoading, setIsLoading] = useState(true);
  const [error, setError] = useState<Error | undefined>(undefined);
  const pending = useRef(0);

  const track = useCallback(<T,>(task: Promise<T>): Promise<T> => {
    pending.current += 1;
    setIsLoading(true);
    return task.finally(() => {
      pending.current -= 1;
      if (pending.current === 0) setIsLoading(false);
    });
  }, []);

  const fail = useCallback((reason: unknown): never => {
    setError(asError(reason));
    if (isGatehouseError(reason, 'session_expired') || isGatehouseError(reason, 'not_authenticated')) setIsAuthenticated(false);
    throw reason;
  }, []);

  useEffect(() => {
    track(client.isAuthenticated()).then(setIsAuthenticated, (reason: unknown) => setError(asError(reason)));
  }, [client, track]);

  const signIn = useCallback<GatehouseContextValue['signIn']>(
    (target, options) => track(typeof target === 'string' ? client.signIn(target, options) : client.signIn(target)).catch(fail),
    [client, track, fail],
  );
  const signOut = useCallback<GatehouseContextValue['signOut']>(
    (postLogoutRedirectUri) =>
      track(client.signOut(postLogoutRedirectUri)).then((url) => {
        setIsAuthenticated(false);
        return url;
      }, fail),
    [client, track, fail],
  );
  const handleSignInCallback = useCallback<GatehouseContextValue['handleSignInCallback']>(
    (callbackUrl) =>
      track(client.handleSignInCallback(callbackUrl)).then((result) => {
        setError(undefined);
        setIsAuthenticated(true);
        return result;
      }, fail),
    [client, track, fail],
  );
  const getAccessToken = useCallback<GatehouseContextValue['getAccessToken']>(
    (r, organizationId) => client.getAccessToken(r, organizationId).catch(fail),
    [client, fail],
  );
  const getOrganizationToken = useCallback<GatehouseContextValue['getOrganizationToken']>(
    (organizationId) => client.getOrganizationToken(organizationId).catch(fail),
    [client, fail],
  );
  const getOrganizationTokenClaims = useCallback<GatehouseContextValue['getOrganizationTokenClaims']>(
    (organizationId) => client.getOrganizationTokenClaims(organizationId).catch(fail),
    [client, fail],
  );
  const invalidateAccessToken = useCallback<GatehouseContextValue['invalidateAccessToken']>(
    (r, token, organizationId) => client.invalidateAccessToken(r, token, organizationId),
    [client],
  );
  const getAccessTokenClaims = useCallback<GatehouseContextValue['getAccessTokenClaims']>(
    (r, organizationId) => client.getAccessTokenClaims(r, organizationId).catch(fail),
    [client, fail],
  );
  const getIdTokenClaims = useCallback(() => client.getIdTokenClaims().catch(fail), [client, fail]);
  const fetchUserInfo = useCallback(() => client.fetchUserInfo().catch(fail), [client, fail]);
  const fetchWithToken = useCallback<GatehouseContextValue['fetchWithToken']>(
    (input, init) => client.fetchWithToken(input, init).catch(fail),
    [client, fail],
  );

  const value = useMemo<GatehouseContextValue>(
    () => ({
      client,
      isAuthenticated,
      isLoading,
      error,
      signIn,
      signOut,
      getAccessToken,
      getOrganizationToken,
      getOrganizationTokenClaims,
      invalidateAccessToken,
      getAccessTokenClaims,
      getIdTokenClaims,
      fetchUserInfo,
      fetchWithToken,
      handleSignInCallback,
    }),
    [
      client,
      isAuthenticated,
      isLoading,
      error,
      signIn,
      signOut,
      getAccessToken,
      getOrganizationToken,
      getOrganizationTokenClaims,
      invalidateAccessToken,
      getAccessTokenClaims,
      getIdTokenClaims,
      fetchUserInfo,
      fetchWithToken,
      handleSignInCallback,
    ],
  );
  return <GatehouseContext.Provider value={value}>{children}</GatehouseContext.Provider>;
}

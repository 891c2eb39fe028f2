import { useGatehouse } from '@gatehouse/react';
import { createContext, useContext, useMemo, type ReactNode } from 'react';
import { consoleUrls } from '../auth/console-config.ts';
import { createApiClient, type ApiClient } from './http.ts';

const ApiContext = createContext<ApiClient | undefined>(undefined);

export function ApiProvider({ children, client }: { children: ReactNode; client?: ApiClient }) {
  return <ApiContext.Provider value={client}>{children}</ApiContext.Provider>;
}

/**
 * The signed-in admin's API client, with Management API tokens from the SDK. Stable across
 * token renewals, so data hooks keyed on it do not reload, nor editors reset.
 */
export function AuthedApiProvider({ children }: { children: ReactNode }) {
  const { getAccessToken, invalidateAccessToken } = useGatehouse();
  const client = useMemo(() => {
    const api = consoleUrls(window.location.origin).managementApi;
    return createApiClient({
      getAccessToken: () => getAccessToken(api),
      async renewAfterRejection(rejected) {
        await invalidateAccessToken(api, rejected);
        return getAccessToken(api).catch(() => undefined);
      },
    });
  }, [getAccessToken, invalidateAccessToken]);
  return <ApiProvider client={client}>{children}</ApiProvider>;
}

export function useApi(): ApiClient {
  const api = useContext(ApiContext);
  if (!api) throw new Error('useApi outside ApiProvider');
  return api;
}

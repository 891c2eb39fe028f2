import { createContext, useContext, useMemo, type ReactNode } from 'react';
import { useAuth } from '../auth/auth-provider.tsx';
import { createApiClient, type ApiClient } from './http.ts';

const ApiContext = createContext<ApiClient | undefined>(undefined);

export function ApiProvider({ children, client }: { children: ReactNode; client?: ApiClient }) {
  return <ApiContext.Provider value={client}>{children}</ApiContext.Provider>;
}

/** The signed-in admin's API client. */
export function AuthedApiProvider({ children }: { children: ReactNode }) {
  const auth = useAuth();
  const client = useMemo(() => createApiClient(auth), [auth]);
  return <ApiProvider client={client}>{children}</ApiProvider>;
}

export function useApi(): ApiClient {
  const api = useContext(ApiContext);
  if (!api) throw new Error('useApi outside ApiProvider');
  return api;
}

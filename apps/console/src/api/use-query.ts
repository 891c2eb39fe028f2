import { useCallback, useEffect, useRef, useState } from 'react';
import { useApi } from './api-context.tsx';
import type { ApiClient } from './http.ts';

export interface QueryState<T> {
  data: T | undefined;
  error: unknown;
  loading: boolean;
  reload: () => void;
}

/**
 * Loads data with the API client and reloads when `deps` change. A response that arrives
 * after a newer request started (or after unmount) is dropped.
 */
export function useQuery<T>(load: (api: ApiClient) => Promise<T>, deps: readonly unknown[]): QueryState<T> {
  const api = useApi();
  const [state, setState] = useState<{ data?: T; error?: unknown; loading: boolean }>({ loading: true });
  const [tick, setTick] = useState(0);
  const latest = useRef(0);
  const loadRef = useRef(load);
  loadRef.current = load;

  useEffect(() => {
    const id = ++latest.current;
    setState((s) => ({ ...s, loading: true }));
    loadRef.current(api).then(
      (data) => id === latest.current && setState({ data, loading: false }),
      (error: unknown) => id === latest.current && setState({ error, loading: false }),
    );
    return () => {
      latest.current += 1;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps -- deps are the caller's
  }, [api, tick, ...deps]);

  const reload = useCallback(() => setTick((t) => t + 1), []);
  return { data: state.data, error: state.error, loading: state.loading, reload };
}

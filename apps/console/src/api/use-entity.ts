import { entityPath, type Collection } from '../router/paths.ts';
import { useQuery, type QueryState } from './use-query.ts';

/** One entity of a collection, by id, with its API path (for PATCH and DELETE). */
export function useEntity<T>(collection: Collection, id: string): { path: string; query: QueryState<T> } {
  const path = entityPath(collection, id);
  return { path, query: useQuery((api) => api.get<T>(path), [path]) };
}

import { useState } from 'react';
import { withQuery, type Query } from './http.ts';
import { listPage, type Page } from './lists.ts';
import { useQuery, type QueryState } from './use-query.ts';

const PAGE_SIZE = 20;

export interface PagedList<T> {
  page: number;
  setPage: (page: number) => void;
  pageSize: number;
  query: QueryState<Page<T>>;
}

/** One page of a list endpoint at a time; a new `filter` (e.g. a search) starts again at page 1. */
export function usePagedList<T>(path: string, filter: Query = {}): PagedList<T> {
  const key = withQuery(path, filter);
  const [paged, setPaged] = useState({ key, page: 1 });
  const page = paged.key === key ? paged.page : 1;
  const query = useQuery((api) => listPage<T>(api, path, { ...filter, page, page_size: PAGE_SIZE }), [key, page]);
  return { page, setPage: (next) => setPaged({ key, page: next }), pageSize: PAGE_SIZE, query };
}

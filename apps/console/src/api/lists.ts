import type { ApiClient, Query } from './http.ts';

export interface Page<T> {
  items: T[];
  total: number;
}

/** One page of a list endpoint, with the `Total-Number` header as the total. */
export async function listPage<T>(api: ApiClient, path: string, query: Query = {}): Promise<Page<T>> {
  const { data, total } = await api.request<T[]>('GET', path, { query });
  return { items: data, total: total ?? data.length };
}

/** Every item of a paged list (100 a page), for pickers; capped so a huge list cannot hang the UI. */
export async function listAll<T>(api: ApiClient, path: string, query: Query = {}, maxPages = 20): Promise<T[]> {
  const items: T[] = [];
  for (let page = 1; page <= maxPages; page += 1) {
    const { items: chunk, total } = await listPage<T>(api, path, { ...query, page, page_size: 100 });
    items.push(...chunk);
    if (chunk.length < 100 || items.length >= total) break;
  }
  return items;
}

import type { Problem } from './types.ts';

/** A Management API error, carrying the RFC 9457 problem (detail and per-field errors). */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly fieldErrors: Array<{ path: string; message: string }>;

  constructor(problem: Problem) {
    super(problem.detail || problem.title || `Request failed (${problem.status})`);
    this.name = 'ApiError';
    this.status = problem.status;
    this.code = problem.code;
    this.fieldErrors = problem.errors ?? [];
  }
}

interface ApiResult<T> {
  data: T;
  /** The `Total-Number` header of list responses. */
  total?: number;
}

export type Query = Record<string, string | number | undefined>;

export interface ApiClient {
  request: <T>(method: string, path: string, options?: { body?: unknown; query?: Query }) => Promise<ApiResult<T>>;
  get: <T>(path: string, query?: Query) => Promise<T>;
  send: <T>(method: 'POST' | 'PUT' | 'PATCH' | 'DELETE', path: string, body?: unknown) => Promise<T>;
  /** The admin's current Management API token: the actor_token of an impersonation (api/test-token.ts). */
  accessToken?: () => Promise<string>;
}

export function withQuery(path: string, query?: Query): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query ?? {})) if (value !== undefined && value !== '') params.set(key, String(value));
  const qs = params.toString();
  return qs ? `${path}?${qs}` : path;
}

async function problemOf(response: Response): Promise<Problem> {
  const text = await response.text().catch(() => '');
  try {
    const body = JSON.parse(text) as Partial<Problem>;
    if (body && typeof body === 'object' && (body.detail || body.title)) {
      return {
        title: body.title ?? response.statusText,
        status: body.status ?? response.status,
        detail: body.detail ?? '',
        code: body.code ?? 'unknown',
        errors: body.errors,
      };
    }
  } catch {
    // not JSON
  }
  const detail =
    response.status === 404 ? 'Not found: this server does not offer this endpoint (yet).' : text.slice(0, 200) || response.statusText;
  return { title: response.statusText, status: response.status, detail, code: `http.${response.status}` };
}

/** Where the API client gets its bearer token: the SDK (see api-context.tsx). */
export interface TokenSource {
  getAccessToken: () => Promise<string>;
  /** After a 401 to `rejected`: a renewed token, or undefined when the session is gone. */
  renewAfterRejection: (rejected: string) => Promise<string | undefined>;
}

/**
 * fetch against /api with the admin's bearer token. A 401 gets one retry with a renewed
 * token (it may have been revoked or signed with a dropped key); the second 401 is final.
 */
export function createApiClient(auth: TokenSource, base = '/api'): ApiClient {
  async function request<T>(method: string, path: string, options: { body?: unknown; query?: Query } = {}): Promise<ApiResult<T>> {
    const send = (token: string) =>
      fetch(base + withQuery(path, options.query), {
        method,
        headers: {
          authorization: `Bearer ${token}`,
          accept: 'application/json, application/problem+json',
          ...(options.body !== undefined ? { 'content-type': 'application/json' } : {}),
        },
        body: options.body === undefined ? undefined : JSON.stringify(options.body),
      });
    let response: Response;
    try {
      const token = await auth.getAccessToken();
      response = await send(token);
      if (response.status === 401) {
        const fresh = await auth.renewAfterRejection(token);
        if (fresh) response = await send(fresh);
      }
    } catch (error) {
      throw new ApiError({
        title: 'Network error',
        status: 0,
        code: 'network',
        detail: `The server could not be reached (${error instanceof Error ? error.message : String(error)}).`,
      });
    }
    if (!response.ok) throw new ApiError(await problemOf(response));
    const total = response.headers.get('Total-Number');
    const text = response.status === 204 ? '' : await response.text();
    return { data: (text ? JSON.parse(text) : undefined) as T, total: total === null ? undefined : Number(total) };
  }
  return {
    request,
    get: async (path, query) => (await request<never>('GET', path, { query })).data,
    send: async (method, path, body) => (await request<never>(method, path, { body })).data,
    accessToken: () => auth.getAccessToken(),
  };
}

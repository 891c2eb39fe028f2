import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApiError, createApiClient, withQuery } from './http.ts';

const json = (status: number, body: unknown, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': status >= 400 ? 'application/problem+json' : 'application/json', ...headers },
  });

afterEach(() => vi.unstubAllGlobals());

describe('Management API client', () => {
  it('sends the bearer token and returns the data with Total-Number', async () => {
    const fetchMock = vi.fn().mockResolvedValue(json(200, [{ id: 'r1' }], { 'Total-Number': '41' }));
    vi.stubGlobal('fetch', fetchMock);
    const api = createApiClient({ getAccessToken: async () => 't1', renewAfterRejection: async () => undefined });
    expect(await api.request('GET', '/resources', { query: { page: 2, page_size: 20, search: '' } })).toEqual({
      data: [{ id: 'r1' }],
      total: 41,
    });
    expect(fetchMock.mock.calls[0][0]).toBe('/api/resources?page=2&page_size=20');
    expect(fetchMock.mock.calls[0][1].headers.authorization).toBe('Bearer t1');
  });

  it('turns a problem+json answer into an ApiError with its detail and field errors', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn().mockResolvedValue(
        json(400, {
          title: 'Bad Request',
          status: 400,
          detail: 'Invalid body.',
          code: 'validation.failed',
          errors: [{ path: 'indicator', message: 'bad' }],
        }),
      ),
    );
    const api = createApiClient({ getAccessToken: async () => 't', renewAfterRejection: async () => undefined });
    const error = await api.send('POST', '/resources', {}).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({
      status: 400,
      message: 'Invalid body.',
      code: 'validation.failed',
      fieldErrors: [{ path: 'indicator', message: 'bad' }],
    });
  });

  it('retries once with a refreshed token after a 401', async () => {
    const fetchMock = vi
      .fn()
      .mockResolvedValueOnce(json(401, { title: 'Unauthorized', status: 401, detail: 'expired', code: 'auth.unauthenticated' }))
      .mockResolvedValueOnce(new Response(null, { status: 204 }));
    vi.stubGlobal('fetch', fetchMock);
    const api = createApiClient({
      getAccessToken: async () => 'old',
      renewAfterRejection: async (rejected) => (rejected === 'old' ? 'new' : undefined),
    });
    await expect(api.send('DELETE', '/roles/1')).resolves.toBeUndefined();
    expect(fetchMock.mock.calls[1][1].headers.authorization).toBe('Bearer new');
  });

  it('reports an unreachable server as a network error, not a crash', async () => {
    vi.stubGlobal('fetch', vi.fn().mockRejectedValue(new TypeError('Failed to fetch')));
    const api = createApiClient({ getAccessToken: async () => 't', renewAfterRejection: async () => undefined });
    await expect(api.get('/users')).rejects.toMatchObject({ status: 0, code: 'network' });
  });

  it('builds query strings without empty values', () => {
    expect(withQuery('/users', { search: '', page: 1, x: undefined })).toBe('/users?page=1');
  });
});

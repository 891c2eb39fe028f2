import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/server.ts';

// The JWKS and the discovery document are answered from node:http ahead of Koa (server.ts):
// the same headers as the Koa path, ETag/304, public CORS, and still counted in /metrics.
describe('JWKS and discovery from the node:http fast path', () => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startTestServer('sqlite', { env: { JWKS_MAX_AGE: '120' } });
  });
  afterAll(() => server?.stop());

  const get = (path: string, headers: Record<string, string> = {}, method = 'GET') =>
    fetch(`${server.endpoint}${path}`, { method, headers });

  it('serves the JWKS with its cache, CORS and security headers, and 304 for its ETag', async () => {
    const res = await get('/oidc/jwks', { origin: 'https://api.example.com' });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/jwk-set+json; charset=utf-8');
    expect(res.headers.get('cache-control')).toBe('public, max-age=120');
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    const body = (await res.json()) as { keys: Array<{ kid: string; d?: string }> };
    expect(body.keys.length).toBeGreaterThan(0);
    expect(body.keys.every((k) => k.kid && k.d === undefined)).toBe(true);
    const etag = res.headers.get('etag');
    expect(etag).toMatch(/^"[\w-]{27}"$/);

    const again = await get('/oidc/jwks', { 'if-none-match': etag! });
    expect(again.status).toBe(304);
    expect(await again.text()).toBe('');
    expect(again.headers.get('etag')).toBe(etag);
    expect(again.headers.get('cache-control')).toBe('public, max-age=120');
    expect(again.headers.get('access-control-allow-origin')).toBe('*');

    expect((await get('/oidc/jwks', { 'if-none-match': '"other"' })).status).toBe(200);
    const head = await get('/oidc/jwks', {}, 'HEAD');
    expect(head.status).toBe(200);
    expect(head.headers.get('content-length')).toBe(String(Buffer.byteLength(JSON.stringify(body))));
    expect(await head.text()).toBe('');
  });

  it('serves the discovery document with an ETag and 304, public CORS and no cache header', async () => {
    const first = await get('/oidc/.well-known/openid-configuration');
    expect(first.status).toBe(200);
    const document = (await first.json()) as { issuer: string; jwks_uri: string };
    expect(document.issuer).toBe(server.issuer);
    // From the second request on, the cached bytes: same document, now with an ETag.
    const res = await get('/oidc/.well-known/openid-configuration');
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual(document);
    expect(res.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('cache-control')).toBeNull();
    const etag = res.headers.get('etag');
    expect(etag).toMatch(/^"[\w-]{27}"$/);
    const again = await get('/oidc/.well-known/openid-configuration', { 'if-none-match': etag! });
    expect(again.status).toBe(304);
    expect(again.headers.get('access-control-allow-origin')).toBe('*');
  });

  it('never answers for another Host: the cached document names ENDPOINT only', async () => {
    const res = await get('/oidc/.well-known/openid-configuration', { host: 'evil.example' });
    const document = (await res.json()) as Record<string, unknown>;
    for (const value of Object.values(document)) {
      if (typeof value === 'string' && value.startsWith('http')) expect(value.startsWith(server.endpoint)).toBe(true);
    }
  });

  it('counts the answers in /metrics under their fixed route', async () => {
    await get('/oidc/jwks');
    const metrics = await (await get('/metrics')).text();
    expect(metrics).toMatch(/gatehouse_http_requests_total\{route="\/oidc\/jwks",status="2xx"\} \d+/);
    expect(metrics).toMatch(/gatehouse_http_requests_total\{route="\/oidc\/jwks",status="3xx"\} \d+/);
    expect(metrics).toMatch(/gatehouse_http_requests_total\{route="\/oidc\/\.well-known\/openid-configuration",status="2xx"\} \d+/);
  });
});

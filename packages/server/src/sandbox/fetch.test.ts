import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createScriptRunner } from './index.ts';

let server: Server;
let base: string;
const hanging = new Set<ServerResponse>();

beforeAll(async () => {
  server = createServer((request, response) => {
    if (request.url === '/roles') {
      response.setHeader('content-type', 'application/json');
      response.setHeader('x-source', 'test');
      response.end(JSON.stringify({ roles: ['editor'] }));
    } else if (request.url === '/echo') {
      let body = '';
      request.on('data', (chunk: Buffer) => (body += chunk.toString()));
      request.on('end', () => response.end(JSON.stringify({ method: request.method, auth: request.headers.authorization, body })));
    } else if (request.url === '/large') {
      response.end('x'.repeat(64 * 1024));
    } else if (request.url === '/hang') {
      hanging.add(response);
    } else {
      response.statusCode = 404;
      response.end('missing');
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

const runner = createScriptRunner({ timeoutMs: 5_000, fetch: { enabled: true, timeoutMs: 3_000, maxResponseBytes: 16 * 1024 } });

afterAll(async () => {
  await runner.close();
  for (const response of hanging) response.destroy();
  await new Promise((resolve) => server.close(resolve));
});

const input = () => ({ token: {}, context: {}, environmentVariables: { BASE: base } });
const script = (body: string): string => `const getCustomJwtClaims = async ({ environmentVariables: { BASE } }) => {\n${body}\n};`;

describe('fetch inside the sandbox', () => {
  it('does not exist unless the limits enable it', async () => {
    const closed = createScriptRunner();
    try {
      expect(await closed.run(script('return { type: typeof fetch };'), input())).toMatchObject({ claims: { type: 'undefined' } });
    } finally {
      await closed.close();
    }
  });

  it('returns a Response-like object with ok, status, headers.get, text() and json()', async () => {
    const body = `const response = await fetch(BASE + '/roles');
      const missing = await fetch(BASE + '/nope');
      return { ok: response.ok, status: response.status, type: response.headers.get('Content-Type'),
        source: response.headers.get('x-source'), data: await response.json(),
        missing: { ok: missing.ok, status: missing.status, text: await missing.text() } };`;
    expect(await runner.run(script(body), input())).toEqual({
      ok: true,
      warnings: [],
      claims: {
        ok: true,
        status: 200,
        type: 'application/json',
        source: 'test',
        data: { roles: ['editor'] },
        missing: { ok: false, status: 404, text: 'missing' },
      },
    });
  });

  it('sends the method, headers and string body', async () => {
    const body = `const response = await fetch(BASE + '/echo', { method: 'post', headers: { Authorization: 'Bearer t' }, body: JSON.stringify({ a: 1 }) });
      return await response.json();`;
    expect(await runner.run(script(body), input())).toMatchObject({
      ok: true,
      claims: { method: 'POST', auth: 'Bearer t', body: '{"a":1}' },
    });
  });

  it('rejects responses larger than maxResponseBytes', async () => {
    const body = `try { await fetch(BASE + '/large'); return { ok: true }; } catch (error) { return { error: String(error) }; }`;
    expect(await runner.run(script(body), input())).toMatchObject({
      claims: { error: 'TypeError: fetch failed: response body exceeds 16384 bytes' },
    });
  });

  it('rejects a request that exceeds the fetch time-out', async () => {
    const body = `try { await fetch(BASE + '/hang'); return {}; } catch (error) { return { error: String(error) }; }`;
    expect(await runner.run(script(body), input(), { fetch: { timeoutMs: 200 } })).toMatchObject({
      claims: { error: 'TypeError: fetch failed: request timed out' },
    });
  });

  it('counts waiting for fetch against the script time limit', async () => {
    const result = await runner.run(script("await fetch(BASE + '/hang'); return {};"), input(), {
      timeoutMs: 100,
      fetch: { timeoutMs: 5_000 },
    });
    expect(result).toMatchObject({ ok: false, kind: 'timeout' });
  });

  it('allows only http and https URLs', async () => {
    const body = `try { await fetch('file:///etc/passwd'); return {}; } catch (error) { return { error: String(error) }; }`;
    expect(await runner.run(script(body), input())).toMatchObject({
      claims: { error: 'TypeError: fetch failed: unsupported protocol file:' },
    });
  });

  it('runs concurrent fetch scripts independently', async () => {
    const body = "const response = await fetch(BASE + '/roles'); return { roles: (await response.json()).roles };";
    const results = await Promise.all(Array.from({ length: 6 }, () => runner.run(script(body), input())));
    for (const result of results) expect(result).toMatchObject({ ok: true, claims: { roles: ['editor'] } });
  });
});

import Router from '@koa/router';
import Koa from 'koa';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { consoleRoutes, findConsoleDist } from './console.ts';
import type { RouteDeps } from './context.ts';

async function serve(dist: string) {
  const app = new Koa();
  const router = new Router();
  consoleRoutes({ router, consoleDist: dist } as unknown as RouteDeps & { router: Router; consoleDist: string });
  app.use(router.routes());
  const server = app.listen(0, '127.0.0.1');
  await new Promise((r) => server.once('listening', r));
  return { base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, close: () => server.close() };
}

describe('console routes', () => {
  const dir = mkdtempSync(join(tmpdir(), 'gatehouse-console-'));
  const dist = join(dir, 'dist');
  let built: Awaited<ReturnType<typeof serve>>;
  let missing: Awaited<ReturnType<typeof serve>>;

  beforeAll(async () => {
    mkdirSync(join(dist, 'assets'), { recursive: true });
    writeFileSync(
      join(dist, 'index.html'),
      '<meta property="csp-nonce" nonce="__CSP_NONCE__"><script type="module" src="/console/assets/index-abc.js"></script>',
    );
    writeFileSync(join(dist, 'assets', 'index-abc.js'), 'console.log(1)');
    writeFileSync(join(dir, 'secret.txt'), 'outside');
    built = await serve(dist);
    missing = await serve(join(dir, 'nowhere'));
  });
  afterAll(() => {
    built.close();
    missing.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('answers client routes with index.html, no-cache, and a CSP whose nonce is the one in the page', async () => {
    for (const path of ['/console', '/console/', '/console/roles/123', '/console/callback?code=x']) {
      const res = await fetch(built.base + path);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toContain('text/html');
      expect(res.headers.get('cache-control')).toBe('no-cache');
      const nonce = /'nonce-([^']+)'/.exec(res.headers.get('content-security-policy') ?? '')?.[1];
      expect(nonce).toBeTruthy();
      expect(await res.text()).toContain(`nonce="${nonce}"`);
      expect(res.headers.get('content-security-policy')).toContain("script-src 'self'");
      expect(res.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    }
  });

  it('serves hashed assets with a year-long immutable cache', async () => {
    const res = await fetch(`${built.base}/console/assets/index-abc.js`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/javascript');
    expect(res.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
  });

  it('answers 404 for a missing asset and for paths that leave the dist folder', async () => {
    expect((await fetch(`${built.base}/console/assets/gone.js`)).status).toBe(404);
    expect((await fetch(`${built.base}/console/..%2fsecret.txt`)).status).toBe(404);
    expect((await fetch(`${built.base}/console/%2e%2e/secret.txt`)).status).toBe(404);
  });

  it('says how to build the console when it is missing', async () => {
    const res = await fetch(`${missing.base}/console/roles`);
    expect(res.status).toBe(503);
    expect(await res.text()).toBe('console not built: run npm run build');
  });

  it('finds apps/console/dist from the server source', () => {
    expect(findConsoleDist()).toBe(resolve(import.meta.dirname, '../../../../apps/console/dist'));
  });
});

import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { buildOpenApi } from '../http/openapi.ts';
import type { RouteDeps } from './context.ts';

const assets: Record<string, string> = {
  'swagger-ui.css': 'text/css',
  'swagger-ui-bundle.js': 'application/javascript',
};

/** /api/openapi.json (built once from the route registry) and a Swagger UI at /api/docs. */
export function docsRoutes(deps: RouteDeps): void {
  const { router } = deps;
  let spec: string | undefined;
  const uiDir = dirname(createRequire(import.meta.url).resolve('swagger-ui-dist/package.json'));

  router.get('/api/openapi.json', function openapi(ctx) {
    spec ??= JSON.stringify(buildOpenApi(deps.registry.specs, { endpoint: deps.config.endpoint, version: '0.1.0' }));
    ctx.type = 'application/json';
    ctx.body = spec;
  });
  router.get('/api/docs', function docs(ctx) {
    ctx.type = 'html';
    ctx.body = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Gatehouse Management API</title>
<link rel="stylesheet" href="/api/docs/swagger-ui.css"></head><body><div id="ui"></div>
<script src="/api/docs/swagger-ui-bundle.js"></script><script src="/api/docs/init.js"></script></body></html>`;
  });
  router.get('/api/docs/init.js', function init(ctx) {
    ctx.type = 'application/javascript';
    ctx.body = "window.ui = SwaggerUIBundle({ url: '/api/openapi.json', dom_id: '#ui', persistAuthorization: false });";
  });
  router.get('/api/docs/:asset', async function asset(ctx) {
    const type = assets[ctx.params.asset];
    if (!type) return;
    ctx.type = type;
    ctx.set('Cache-Control', 'public, max-age=86400');
    ctx.body = await readFile(join(uiDir, ctx.params.asset));
  });
}

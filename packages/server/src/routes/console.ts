import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, extname, join, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import type Router from '@koa/router';
import type Koa from 'koa';
import type { RouteDeps } from './context.ts';

/**
 * Serves the admin console (apps/console/dist, a Vite SPA) at /console.
 * Invariants:
 * - Only files inside the dist folder are ever read (the resolved path must stay under it).
 * - Hashed files under assets/ are immutable for a year; index.html is `no-cache`, so a new
 *   build reaches browsers at once. Client routes (no file extension) get index.html.
 * - A strict CSP: scripts only from this origin, no inline code, no framing. Styles come from
 *   this origin too, plus <style> elements carrying the per-response nonce: the code editor
 *   (CodeMirror) injects its styles that way; index.html hands the nonce over in
 *   `<meta property="csp-nonce" nonce="__CSP_NONCE__">`, replaced on every response.
 */

const MOUNT = '/console';

const NONCE_PLACEHOLDER = /__CSP_NONCE__/g;

const contentSecurityPolicy = (nonce: string) =>
  [
    "default-src 'self'",
    "script-src 'self'",
    `style-src 'self' 'nonce-${nonce}'`,
    "img-src 'self' data:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');

const types: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.map': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.webp': 'image/webp',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
};

/**
 * Finds apps/console/dist. The workspace link (node_modules/@gatehouse/console) works from
 * src/ (tsx, vitest) and dist/ alike; walking up to the repository root is the fallback for
 * installs without the link.
 */
export function findConsoleDist(from: string = fileURLToPath(import.meta.url)): string {
  try {
    const pkg = createRequire(from).resolve('@gatehouse/console/package.json');
    return join(dirname(pkg), 'dist');
  } catch {
    // not linked: look for the repository layout instead
  }
  let dir = dirname(from);
  for (let i = 0; i < 8; i += 1) {
    const candidate = join(dir, 'apps', 'console');
    if (existsSync(join(candidate, 'package.json'))) return join(candidate, 'dist');
    const parent = dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  return resolve(dirname(from), '../../../../apps/console/dist');
}

async function isFile(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isFile();
  } catch {
    return false;
  }
}

function setPageHeaders(ctx: Koa.Context, nonce: string) {
  ctx.set('Content-Security-Policy', contentSecurityPolicy(nonce));
  ctx.set('X-Frame-Options', 'DENY');
  // The callback URL carries the authorization code: never send it as a Referer.
  ctx.set('Referrer-Policy', 'no-referrer');
  ctx.set('Cross-Origin-Opener-Policy', 'same-origin');
}

export function consoleRoutes(deps: RouteDeps & { router: Router; consoleDist?: string }): void {
  const { router } = deps;
  const root = resolve(deps.consoleDist ?? findConsoleDist());
  const indexFile = join(root, 'index.html');

  router.get(`${MOUNT}/:path*`, async function consoleAsset(ctx) {
    // `/consolex` also matches the pattern's prefix in some router versions: be exact.
    if (ctx.path !== MOUNT && !ctx.path.startsWith(`${MOUNT}/`)) return;
    const nonce = randomBytes(16).toString('base64');
    setPageHeaders(ctx, nonce);
    if (!(await isFile(indexFile))) {
      ctx.status = 503;
      ctx.type = 'text/plain; charset=utf-8';
      ctx.set('Cache-Control', 'no-store');
      ctx.body = 'console not built: run npm run build';
      return;
    }
    let rel: string;
    try {
      rel = decodeURIComponent(ctx.path.slice(MOUNT.length + 1));
    } catch {
      ctx.status = 400;
      ctx.type = 'text/plain; charset=utf-8';
      ctx.body = 'Bad path';
      return;
    }
    const ext = extname(rel).toLowerCase();
    if (rel !== '' && ext !== '') {
      const file = resolve(root, rel);
      if (!file.startsWith(root + sep) || !(await isFile(file))) {
        // A missing asset is a 404, never index.html (which the browser would run as a script).
        ctx.status = 404;
        ctx.type = 'text/plain; charset=utf-8';
        ctx.body = 'Not found';
        return;
      }
      ctx.type = types[ext] ?? 'application/octet-stream';
      ctx.set('Cache-Control', rel.startsWith('assets/') ? 'public, max-age=31536000, immutable' : 'public, max-age=3600');
      ctx.body = await readFile(file);
      return;
    }
    ctx.type = types['.html']!;
    ctx.set('Cache-Control', 'no-cache');
    ctx.body = (await readFile(indexFile, 'utf8')).replace(NONCE_PLACEHOLDER, nonce);
  });
}

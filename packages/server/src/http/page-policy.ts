import { randomBytes } from 'node:crypto';
import type Koa from 'koa';
import { PAGE_STYLE_SOURCE } from './html.ts';

/** Paths whose HTML is the hosted sign-in experience (ours, or oidc-provider's pages), and the landing page. */
const PAGE_PATHS = /^\/(?:(?:sign-in|oidc)(?:\/|$)|$)/;

/**
 * CSP for the hosted pages (sign-in, setup, oidc-provider's error, logout and form_post
 * pages): nothing loads, nothing frames them, and forms post only to this server plus the
 * application a flow returns to.
 *
 * - The header is set before the handler runs: oidc-provider adds the hash of its own inline
 *   scripts (form_post) to an existing `script-src`, and a page with a script of its own uses
 *   `ctx.state.cspNonce`.
 * - `form-action` also governs the redirects that follow a submission (a signed-in user is
 *   sent from /sign-in to /oidc/auth to the app's redirect URI), so those targets are added
 *   with allowFormTargets(): by the sign-in page, and here for the provider's own pages
 *   from the redirect URIs it has validated.
 * - Non-HTML answers (tokens, JSON errors) drop the header again.
 */
export function pagePolicy(): Koa.Middleware {
  // Koa types next() as Promise<any>; it resolves to nothing.
  return async function pagePolicyMiddleware(ctx, next: () => Promise<void>) {
    if (!PAGE_PATHS.test(ctx.path)) return next();
    const nonce = randomBytes(16).toString('base64');
    ctx.state.cspNonce = nonce;
    ctx.set(
      'Content-Security-Policy',
      [
        "default-src 'none'",
        `script-src 'nonce-${nonce}'`,
        // The nonce: the sign-in pages' stylesheet carries the branding colours and custom CSS.
        `style-src ${PAGE_STYLE_SOURCE} 'nonce-${nonce}'`,
        'img-src data:',
        // The sign-in pages' script calls the Experience API on this origin.
        "connect-src 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
        "base-uri 'none'",
      ].join('; '),
    );
    await next();
    if (!ctx.response.is('html')) {
      ctx.remove('Content-Security-Policy');
      return;
    }
    // oidc-provider's pages: the redirect URIs it checked against the client's registration.
    const oidc = (ctx as Koa.Context & { oidc?: { client?: unknown; params?: Record<string, unknown> } }).oidc;
    if (oidc?.client && oidc.params) {
      allowFormTargets(ctx, [oidc.params.redirect_uri, oidc.params.post_logout_redirect_uri]);
    }
  };
}

/** The CSP source for a URI: its origin, or its scheme for a native app's custom scheme. */
function sourceOf(uri: unknown): string | undefined {
  if (typeof uri !== 'string') return undefined;
  try {
    const url = new URL(uri);
    const source = url.origin !== 'null' ? url.origin : url.protocol;
    // Only characters a CSP source can hold: nothing that could end or add a directive.
    return /^[a-z][a-z0-9+.-]*:(?:\/\/[a-z0-9.\-[\]:]+)?$/i.test(source) ? source : undefined;
  } catch {
    return undefined;
  }
}

/** Lets this page's forms (and the redirects after them) reach these URIs' origins. */
export function allowFormTargets(ctx: Koa.Context, uris: unknown[]): void {
  allowSources(ctx, 'form-action', uris);
}

/** Lets this page show images from these URIs' origins (the branding's logos). */
export function allowImageSources(ctx: Koa.Context, uris: unknown[]): void {
  allowSources(ctx, 'img-src', uris);
}

function allowSources(ctx: Koa.Context, directive: 'form-action' | 'img-src', uris: unknown[]): void {
  const csp = ctx.response.get('Content-Security-Policy');
  if (!csp) return;
  const extra = uris.map(sourceOf).filter((s): s is string => s !== undefined);
  if (extra.length === 0) return;
  const directives = csp.split(';').map((d) => d.trim());
  const i = directives.findIndex((d) => d.startsWith(`${directive} `));
  if (i === -1) return;
  const sources = new Set(directives[i].split(/\s+/).slice(1));
  for (const s of extra) sources.add(s);
  directives[i] = [directive, ...sources].join(' ');
  ctx.set('Content-Security-Policy', directives.join('; '));
}

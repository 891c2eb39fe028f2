import { randomUUID } from 'node:crypto';
import type Koa from 'koa';
import type { Logger } from '../logger.ts';

/**
 * Request id (from `X-Request-Id` when it looks like one, else new) and a child logger on
 * ctx.state; one access-log line per request, with the path only (query strings can hold
 * codes and tokens, so they are never logged).
 */
export function requestContext(logger: Logger): Koa.Middleware {
  return async function requestContextMiddleware(ctx, next) {
    const incoming = ctx.get('X-Request-Id');
    const requestId = /^[\w-]{8,64}$/.test(incoming) ? incoming : randomUUID();
    ctx.state.requestId = requestId;
    const log = logger.child({ requestId });
    ctx.state.logger = log;
    ctx.set('X-Request-Id', requestId);
    const started = performance.now();
    try {
      await next();
    } finally {
      const ms = Math.round((performance.now() - started) * 10) / 10;
      if (ctx.status >= 500) log.warn({ method: ctx.method, path: ctx.path, status: ctx.status, ms }, 'request');
      else log.debug({ method: ctx.method, path: ctx.path, status: ctx.status, ms }, 'request');
    }
  };
}

/**
 * Baseline security headers for our own pages and API (oidc-provider sets its own). HSTS
 * whenever ENDPOINT is https, also when TLS ends at a proxy in front of us; set before the
 * handler, so answers written straight to the socket (interaction redirects) carry it too.
 */
export function securityHeaders(options: { hsts?: boolean } = {}): Koa.Middleware {
  return async function securityHeadersMiddleware(ctx, next) {
    if (options.hsts) ctx.set('Strict-Transport-Security', 'max-age=31536000; includeSubDomains');
    await next();
    ctx.set('X-Content-Type-Options', 'nosniff');
    // Every page, also those with a CSP of their own: sign-in URLs name the interaction.
    if (ctx.type === 'text/html') {
      if (!ctx.response.get('X-Frame-Options')) ctx.set('X-Frame-Options', 'DENY');
      if (!ctx.response.get('Referrer-Policy')) ctx.set('Referrer-Policy', 'no-referrer');
    }
  };
}

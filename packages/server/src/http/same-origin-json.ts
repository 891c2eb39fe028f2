import type Koa from 'koa';
import { ExperienceError, ForbiddenError } from '../domain/errors.ts';

/**
 * CSRF defence of the cookie-bound Experience API, as Logto's: no token, because no other site
 * can make a browser send what this accepts.
 * - A state-changing request carries a JSON body or none: form and text bodies (what a
 *   cross-site form or a "simple" fetch can send without a CORS preflight) are refused (415).
 * - When the browser names the request's Origin, it must be ENDPOINT's (403).
 * - The interaction cookie is SameSite=Lax, so a cross-site POST does not carry it anyway.
 */
export function requireSameOriginJson(endpoint: string): Koa.Middleware {
  const origin = new URL(endpoint).origin;
  return async function sameOriginJson(ctx, next) {
    if (ctx.method === 'GET' || ctx.method === 'HEAD' || ctx.method === 'OPTIONS') {
      await next();
      return;
    }
    const given = ctx.get('Origin');
    if (given !== '' && given !== origin) throw new ForbiddenError('This API accepts requests from the sign-in pages of this server only.');
    if (ctx.get('Sec-Fetch-Site') === 'cross-site') throw new ForbiddenError('Cross-site requests are refused.');
    const hasBody = ctx.get('Content-Type') !== '' || Number(ctx.get('Content-Length') || 0) > 0 || ctx.get('Transfer-Encoding') !== '';
    if (hasBody && !ctx.is('application/json')) {
      throw new ExperienceError('request.unsupported_media_type', 'The request body must be JSON (Content-Type: application/json).');
    }
    await next();
  };
}

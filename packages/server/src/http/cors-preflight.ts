import type Koa from 'koa';

/** oidc-provider's endpoints whose CORS depends on the calling client. */
const CLIENT_CORS_PATHS = new Set(['/oidc/token', '/oidc/token/introspection', '/oidc/token/revocation']);

/**
 * A preflight carries no client, so oidc-provider allows every origin there and decides per
 * client only on the real request. Refuse the preflight up front unless the origin belongs
 * to some application's redirect URI: a browser on any other site then never sends the
 * request at all. Discovery, the JWKS and userinfo stay open to every origin.
 */
export function corsPreflightGuard(isKnownOrigin: (origin: string) => boolean): Koa.Middleware {
  return async function corsPreflightGuardMiddleware(ctx, next) {
    if (
      ctx.method === 'OPTIONS' &&
      CLIENT_CORS_PATHS.has(ctx.path) &&
      ctx.get('Access-Control-Request-Method') &&
      ctx.get('Origin') &&
      !isKnownOrigin(ctx.get('Origin'))
    ) {
      ctx.status = 403;
      ctx.set('Vary', 'Origin');
      ctx.body = '';
      return;
    }
    await next();
  };
}

import type Koa from 'koa';
import { errors, type KoaContextWithOIDC } from 'oidc-provider';

/**
 * Refresh token rotation, with reuse detection, that a refused refresh does not burn.
 * Invariants:
 * - every refresh rotates; of concurrent uses of one refresh token exactly one rotates, the
 *   others get invalid_grant and revoke the grant (storage/oidc-adapter.ts `consume`);
 * - a refresh token stays consumed only if the response carrying its successor was produced.
 *   oidc-provider rotates before it builds the access token, so a refusal after that point
 *   (the Hasura preset finding no role, a claims script failing with onError 'deny', a
 *   resource gone, a database error) would leave the client holding a consumed token whose
 *   next use revokes the grant. Such a rotation is undone: the old token is released and
 *   its never-delivered successor destroyed, so the same refresh token works again once the
 *   cause is fixed.
 */

/**
 * oidc-provider's `rotateRefreshToken`: always rotate, but first refuse a resource outside
 * the grant (the rule oidc-provider applies later in helpers/resolve_resource.js) so that
 * the common mistake costs no rotation at all.
 */
export function rotateRefreshToken(ctx: KoaContextWithOIDC): boolean {
  const resource = ctx.oidc.params?.resource;
  const allowed = (ctx.oidc.entities.RefreshToken as { resourceIndicators?: Set<string> } | undefined)?.resourceIndicators;
  for (const r of Array.isArray(resource) ? resource : resource ? [resource] : []) {
    if (typeof r === 'string' && !allowed?.has(r)) throw new errors.InvalidTarget(`the grant does not include the resource ${r}`);
  }
  return true;
}

/**
 * Provider middleware (`provider.use`): after the token endpoint answered with an error,
 * undoes a rotation it made. The loser of a concurrent race never rotates (its `consume`
 * fails first), so only the request that consumed the token releases it.
 */
export function keepRefusedRefreshToken(releaseRefreshToken: (jti: string) => Promise<void>) {
  return async function keepRefusedRefreshToken(ctx: Koa.Context, next: Koa.Next): Promise<void> {
    await next();
    if (ctx.status < 400) return;
    // ctx.oidc exists only once a provider route matched.
    const entities = (ctx as Partial<KoaContextWithOIDC>).oidc?.entities;
    const rotated = entities?.RotatedRefreshToken;
    if (!rotated) return;
    const successor = entities.RefreshToken;
    await Promise.all([releaseRefreshToken(rotated.jti), successor && successor !== rotated ? successor.destroy() : undefined]);
  };
}

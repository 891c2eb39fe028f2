import type Koa from 'koa';
import { ForbiddenError, UnauthenticatedError } from '../domain/errors.ts';
import type { TokenVerifier } from '../services/token-verifier.ts';

export interface TokenRequirement {
  audience: string;
  scopes: string[];
  /** The verifier the Hasura webhook uses too (services/token-verifier.ts). */
  verifier: TokenVerifier;
  /**
   * Whether the token's holder still has the scopes now (roles can be removed during a token's
   * life). Lets an admin's access end when their admin role does, not when the token expires.
   */
  stillGranted?: (holder: { sub: string; clientId: string | undefined }, scopes: string[]) => Promise<boolean>;
}

/** `Authorization: Bearer <jwt>` exactly; anything else is treated as no token. */
export function bearerToken(header: string | undefined): string | undefined {
  const match = /^Bearer ([A-Za-z0-9\-_.~+/]+=*)$/.exec(header ?? '');
  return match?.[1];
}

/**
 * Admits only access tokens this server signed for `audience` carrying every required
 * scope: no token or a bad one is 401, a valid token without the scope 403.
 */
export function requireToken(req: TokenRequirement): Koa.Middleware {
  return async function requireTokenMiddleware(ctx, next) {
    const token = bearerToken(ctx.get('Authorization'));
    if (!token) throw new UnauthenticatedError('An access token is required (Authorization: Bearer <token>).');
    // A refused token is a TokenRejectedError: 401, like every auth.unauthenticated.
    const verified = await req.verifier.verify(token, req.audience);
    const granted = new Set(verified.scopes);
    const missing = req.scopes.filter((s) => !granted.has(s));
    if (missing.length > 0) throw new ForbiddenError(`The access token lacks the scope(s): ${missing.join(', ')}.`);
    const holder = { sub: verified.sub, clientId: verified.clientId };
    if (req.stillGranted && !(await req.stillGranted(holder, req.scopes))) {
      throw new ForbiddenError('The token holder no longer holds a role granting this access.');
    }
    ctx.state.principal = holder;
    await next();
  };
}

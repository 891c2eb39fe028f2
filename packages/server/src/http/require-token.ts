import { errors as joseErrors, jwtVerify, type JWTPayload, type JWTVerifyGetKey } from 'jose';
import type Koa from 'koa';
import { ForbiddenError, UnauthenticatedError } from '../domain/errors.ts';
import { SIGNING_ALGORITHMS } from '../domain/keys/algorithms.ts';

export interface TokenRequirement {
  issuer: string;
  audience: string;
  scopes: string[];
  keys: () => JWTVerifyGetKey;
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
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(token, req.keys(), {
        issuer: req.issuer,
        audience: req.audience,
        typ: 'at+jwt',
        algorithms: [...SIGNING_ALGORITHMS],
      }));
    } catch (error) {
      const reason =
        error instanceof joseErrors.JWTExpired
          ? 'The access token has expired.'
          : error instanceof joseErrors.JWTClaimValidationFailed && error.claim === 'aud'
            ? `The access token is not for this API (audience must be ${req.audience}).`
            : 'The access token is invalid.';
      throw new UnauthenticatedError(reason);
    }
    const granted = new Set(typeof payload.scope === 'string' ? payload.scope.split(' ') : []);
    const missing = req.scopes.filter((s) => !granted.has(s));
    if (missing.length > 0) throw new ForbiddenError(`The access token lacks the scope(s): ${missing.join(', ')}.`);
    const holder = { sub: String(payload.sub), clientId: typeof payload.client_id === 'string' ? payload.client_id : undefined };
    if (req.stillGranted && !(await req.stillGranted(holder, req.scopes))) {
      throw new ForbiddenError('The token holder no longer holds a role granting this access.');
    }
    ctx.state.principal = holder;
    await next();
  };
}

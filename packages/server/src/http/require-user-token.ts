import type Koa from 'koa';
import type { Provider } from 'oidc-provider';
import { ForbiddenError, UnauthenticatedError } from '../domain/errors.ts';
import type { AccountCaller } from '../services/account/index.ts';
import { bearerToken } from './require-token.ts';

/** Logto's header naming a verification record (koa-auth/constants.ts). */
const VERIFICATION_ID_HEADER = 'logto-verification-id';

/**
 * The Account API's guard, as Logto's koaOidcAuth: only a user's own OPAQUE access token,
 * the one issued without `resource` (for userinfo), found in oidc-provider's storage with
 * AccessToken.find. A JWT (a Management API token, an API resource's token) is never stored,
 * so it is not found: 401. The token must carry `openid` (403 otherwise) and its user must
 * still be active. The caller lands in `ctx.state.account` and, for events, `ctx.state.principal`.
 */
export function requireUserToken(deps: { provider: () => Provider; isActiveUser: (userId: string) => Promise<boolean> }): Koa.Middleware {
  return async function requireUserTokenMiddleware(ctx, next) {
    const value = bearerToken(ctx.get('Authorization'));
    if (!value) throw new UnauthenticatedError('A user access token is required (Authorization: Bearer <token>).');
    const token = await deps
      .provider()
      .AccessToken.find(value)
      .catch(() => undefined);
    // A token for an API resource (aud set) is that API's, not this one's.
    if (!token?.accountId || token.aud !== undefined || token.isExpired) {
      throw new UnauthenticatedError('The access token is not a valid user access token for the Account API.');
    }
    if (!token.scopes.has('openid')) throw new ForbiddenError('The access token lacks the scope openid.');
    if (!(await deps.isActiveUser(token.accountId))) throw new UnauthenticatedError('The user of this access token is not active.');
    const verificationId = ctx.get(VERIFICATION_ID_HEADER);
    const caller: AccountCaller = {
      userId: token.accountId,
      clientId: token.clientId ?? '',
      scopes: token.scopes,
      ...(token.sessionUid ? { sessionUid: token.sessionUid } : {}),
      ...(verificationId ? { verificationId } : {}),
    };
    ctx.state.account = caller;
    ctx.state.principal = { sub: caller.userId, clientId: caller.clientId };
    await next();
  };
}

/** The caller requireUserToken admitted. */
export function accountCallerOf(ctx: Koa.Context): AccountCaller {
  const caller = ctx.state.account as AccountCaller | undefined;
  if (!caller) throw new UnauthenticatedError();
  return caller;
}

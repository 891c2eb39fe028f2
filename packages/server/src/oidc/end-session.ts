import { decodeJwt } from 'jose';
import type Koa from 'koa';
import type { KoaContextWithOIDC, Provider } from 'oidc-provider';
import { postLogoutSuccessSource } from './pages.ts';

const PARAMS = ['id_token_hint', 'post_logout_redirect_uri', 'state', 'client_id', 'logout_hint', 'ui_locales'];

/**
 * `GET /oidc/session/end` from a browser without a session. oidc-provider would store a new
 * session (row and cookie) just to carry an XSRF secret through a self-submitting form, so
 * anyone could fill the table with one unauthenticated GET each. There is nothing to end:
 * answer what that form would have led to (the app's registered return address, or the
 * signed-out page) and store nothing.
 *
 * Anything the provider would refuse (unknown client, unregistered return address, bad
 * `id_token_hint`, repeated parameters) goes on to the provider, which refuses it before it
 * stores anything; so does every request with a signed-in session.
 */
export function endSessionWithoutSession(provider: () => Provider): Koa.Middleware {
  // Koa types next() as Promise<any>; it resolves to nothing.
  return async function endSessionWithoutSessionMiddleware(ctx, next: () => Promise<void>) {
    if (ctx.path !== '/oidc/session/end' || ctx.method !== 'GET') return next();
    const p = provider();
    const query = ctx.query;
    if (PARAMS.some((name) => Array.isArray(query[name]))) return next();
    const param = (name: string) => (typeof query[name] === 'string' && query[name] !== '' ? query[name] : undefined);

    const sessionId = ctx.cookies.get(p.cookieName('session'), { signed: true });
    if (sessionId && (await p.Session.find(sessionId))?.accountId) return next();

    let clientId = param('client_id');
    const hint = param('id_token_hint');
    if (hint) {
      let aud: unknown;
      try {
        aud = decodeJwt(hint).aud;
      } catch {
        return next();
      }
      if (typeof aud !== 'string' || (clientId !== undefined && clientId !== aud)) return next();
      clientId = aud;
    }
    const returnTo = param('post_logout_redirect_uri');
    ctx.set('Cache-Control', 'no-store');
    if (clientId === undefined) {
      // Without a client oidc-provider ignores the return address too.
      await postLogoutSuccessSource(ctx as unknown as KoaContextWithOIDC);
      return;
    }
    try {
      const client = await p.Client.find(clientId);
      if (!client) return next();
      if (hint) await p.IdToken.validate(hint, client);
      if (returnTo === undefined) {
        await postLogoutSuccessSource(ctx as unknown as KoaContextWithOIDC);
        return;
      }
      if (!client.postLogoutRedirectUriAllowed(returnTo)) return next();
    } catch {
      return next();
    }
    const target = new URL(returnTo);
    const state = param('state');
    if (state !== undefined) target.searchParams.set('state', state);
    ctx.status = 303;
    ctx.redirect(target.href);
  };
}

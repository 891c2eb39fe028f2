import type { KoaContextWithOIDC, Provider } from 'oidc-provider';

type IssueOptions = Parameters<Provider['IdToken']['prototype']['issue']>[0];

/** A refresh_token grant that names a `resource` (RFC 8707): it asks for that API's access token. */
function isResourceRefresh(ctx: KoaContextWithOIDC | undefined): boolean {
  const oidc = ctx?.oidc;
  return oidc?.route === 'token' && oidc.params?.grant_type === 'refresh_token' && Boolean(oidc.params.resource);
}

/**
 * A refresh that names a `resource` gets no new ID token; one without (the SPA renewing its
 * session, the userinfo token) still does.
 *
 * Why: OIDC Core 12.2 makes the ID token of a refresh response optional, a client renewing
 * an API's access token has no use for it (Logto's SDKs and ours keep the ID token they hold
 * when the answer has none), and it costs a second signature per refresh: about a third of
 * the refresh's CPU with RS256.
 *
 * How: oidc-provider 9 has no option for it; its refresh_token grant calls `issueIdToken`
 * whenever the scope holds `openid`. The hooks considered: rewriting the `scope` parameter
 * needs the refresh token's scopes before the grant has loaded it; re-registering the grant
 * means copying its ~200 lines of protocol code. The least invasive is the IdToken model of
 * this provider instance (oidc-provider builds one class per Provider, so nothing else is
 * touched): its `issue()` answers `undefined` for this one case, which the grant passes on
 * as an absent `id_token`, exactly as for a refresh whose scope lacks `openid`. Applied to
 * every provider the runtime builds (oidc/runtime.ts).
 */
export function omitIdTokenOnResourceRefresh(provider: Provider): void {
  const proto = provider.IdToken.prototype;
  // The original, called with each token as `this` (Reflect: it is re-bound, never detached).
  const issue = Reflect.get<typeof proto, 'issue'>(proto, 'issue');
  proto.issue = function issueUnlessResourceRefresh(this: InstanceType<Provider['IdToken']>, options: IssueOptions) {
    if (options.use === 'idtoken' && isResourceRefresh(this.ctx)) return Promise.resolve(undefined as unknown as string);
    return issue.call(this, options);
  };
}

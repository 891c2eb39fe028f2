import type { KoaContextWithOIDC, Provider, TokenEndpointGrantContext } from 'oidc-provider';
// @ts-expect-error -- oidc-provider publishes no types for its internals; the shape is declared below.
import instanceOf from 'oidc-provider/lib/helpers/weak_cache.js';
import { ORGANIZATION_RESOURCE } from '../domain/rbac/organizations.ts';

type GrantHandler = (ctx: KoaContextWithOIDC) => Promise<void>;

interface ProviderInternals {
  grantTypeHandlers: Map<string, GrantHandler>;
  grantTypeParams: Map<string | undefined, Set<string>>;
  grantTypeDupes: Map<string, Set<string>>;
}

const internals = instanceOf as (provider: Provider) => ProviderInternals;

/**
 * Logto's `organization_id` on the refresh_token and client_credentials grants (RFC 0001/0006).
 *
 * Why this way: oidc-provider 9 drops every token-endpoint parameter its grant did not
 * declare (`extraParams` only reaches the authorization endpoint), and its grants are not
 * exported. Logto copies both grants (~300 lines of protocol code). Instead each grant is
 * re-registered through the public `registerGrantType` with its own handler, one more
 * parameter, and one step in front:
 * - `organization_id` with `resource`: unchanged; getResourceServerInfo adds the scopes the
 *   holder's roles grant in that organization, extraTokenClaims the `organization_id` claim;
 * - `organization_id` without `resource`: the request names the reserved resource
 *   `urn:logto:resource:organizations`, whose resource server is the organization
 *   (oidc/resource-server.ts). Everything else (refresh token checks, rotation, the
 *   intersection with the granted and requested scopes, the refused-refresh release) is
 *   the grant's own code. For refresh, that resource must be in the grant, as Logto's SDKs
 *   arrange whenever `urn:logto:scope:organizations` is asked for.
 * The handlers are read from oidc-provider's per-instance registry (helpers/weak_cache.js),
 * the one internal this touches.
 */
export function acceptOrganizationId(provider: Provider): void {
  const { grantTypeHandlers, grantTypeParams, grantTypeDupes } = internals(provider);
  for (const grantType of ['refresh_token', 'client_credentials']) {
    const handler = grantTypeHandlers.get(grantType);
    const params = grantTypeParams.get(grantType);
    if (!handler || !params) throw new Error(`oidc-provider has no ${grantType} grant to extend`);
    provider.registerGrantType(
      grantType,
      async function organizationGrant(ctx: TokenEndpointGrantContext<{ organization_id?: string }>) {
        const { params } = ctx.oidc;
        if (params.organization_id && !params.resource) params.resource = ORGANIZATION_RESOURCE;
        await handler(ctx);
      },
      [...params, 'organization_id'],
      grantTypeDupes.get(grantType),
    );
  }
}

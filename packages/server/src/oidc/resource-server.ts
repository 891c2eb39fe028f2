import { errors, type KoaContextWithOIDC, type ResourceServer, type Client } from 'oidc-provider';
import type { SigningAlgorithm } from '../domain/keys/algorithms.ts';
import { ORGANIZATION_RESOURCE, organizationRolesAsRbac, organizationScopeNames, organizationUrn } from '../domain/rbac/organizations.ts';
import { grantedScopeNames } from '../domain/rbac/role-scopes.ts';
import type { AccessResolver } from '../services/access.ts';
import type { ResourceDirectory } from '../services/resource-directory.ts';
import { requireOrganizationMembership, requestedOrganizationId } from './organization-access.ts';

/**
 * The RBAC rule of access tokens: at the token endpoint a resource server's `scope` is what
 * the holder's roles grant NOW (users: User roles; machine apps: MachineToMachine roles), and
 * oidc-provider intersects it with the requested and granted scopes. It runs on every
 * code exchange, refresh and client_credentials request, so a removed role drops its scopes
 * at the next refresh. Elsewhere (authorization endpoint) every scope of the resource may be
 * asked for; the token endpoint decides.
 *
 * Organizations (Logto's RFC 0001/0006): with `organization_id`, the holder must be a member
 * NOW (checked at every refresh, like roles). An API token then also carries the API scopes
 * the holder's roles grant IN THAT organization; without `organization_id` it carries global
 * roles' scopes only, never an organization role's (Logto merges every organization's here,
 * a cross-tenant leak we do not copy). The reserved resource `urn:logto:resource:organizations`
 * stands for the organization token (oidc/organization-grants.ts routes `organization_id`
 * without `resource` to it): audience `urn:logto:organization:<id>`, scope = the organization
 * permissions the holder's roles grant in that organization.
 */
export function createGetResourceServerInfo(input: {
  resources: ResourceDirectory;
  access: AccessResolver;
  /** The algorithm of the key that signs now (SIGNING_ALG only applies to new keys). */
  alg: () => SigningAlgorithm;
}) {
  const jwt = () => ({ accessTokenFormat: 'jwt' as const, jwt: { sign: { alg: input.alg() } } });

  return async function getResourceServerInfo(ctx: KoaContextWithOIDC, indicator: string, client: Client): Promise<ResourceServer> {
    const atTokenEndpoint = ctx.oidc.route === 'token' || ctx.oidc.route === 'backchannel_authentication';
    const machine = ctx.oidc.params?.grant_type === 'client_credentials';
    const kind = machine ? 'application' : 'user';
    const holderId = machine ? client.clientId : ctx.oidc.entities.Account?.accountId;
    const organizationId = atTokenEndpoint ? requestedOrganizationId(ctx) : undefined;

    if (indicator === ORGANIZATION_RESOURCE) {
      if (!atTokenEndpoint) return { scope: (await input.access.organizationScopeNames()).join(' '), audience: indicator, ...jwt() };
      if (!organizationId) throw new errors.InvalidTarget(`${ORGANIZATION_RESOURCE} is issued only for an organization_id`);
      const membership = await requireOrganizationMembership(ctx, input.access, kind, holderId, organizationId);
      return { scope: [...organizationScopeNames(membership)].join(' '), audience: organizationUrn(organizationId), ...jwt() };
    }

    const resource = await input.resources.byIndicator(indicator);
    if (!resource) throw new errors.InvalidTarget(`unknown resource indicator: ${indicator}`);
    let scope: string;
    if (atTokenEndpoint) {
      const roles = holderId ? await input.access.rolesOf(kind, holderId) : [];
      const granted = grantedScopeNames(roles, indicator);
      if (organizationId) {
        const membership = await requireOrganizationMembership(ctx, input.access, kind, holderId, organizationId);
        for (const name of grantedScopeNames(organizationRolesAsRbac(membership), indicator)) granted.add(name);
      }
      scope = [...granted].join(' ');
    } else {
      scope = [...(await input.resources.scopeNames(resource.id))].join(' ');
    }
    return { scope, audience: indicator, accessTokenTTL: resource.accessTokenTtl, ...jwt() };
  };
}

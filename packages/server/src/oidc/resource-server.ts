import { errors, type KoaContextWithOIDC, type ResourceServer, type Client } from 'oidc-provider';
import type { SigningAlgorithm } from '../domain/keys/algorithms.ts';
import { grantedScopeNames } from '../domain/rbac/role-scopes.ts';
import type { AccessResolver } from '../services/access.ts';
import type { ResourceDirectory } from '../services/resource-directory.ts';

/**
 * The RBAC rule of access tokens: at the token endpoint a resource server's `scope` is what
 * the holder's roles grant NOW (users: User roles; machine apps: MachineToMachine roles), and
 * oidc-provider intersects it with the requested and granted scopes. It runs on every
 * code exchange, refresh and client_credentials request, so a removed role drops its scopes
 * at the next refresh. Elsewhere (authorization endpoint) every scope of the resource may be
 * asked for; the token endpoint decides.
 */
export function createGetResourceServerInfo(input: {
  resources: ResourceDirectory;
  access: AccessResolver;
  /** The algorithm of the key that signs now (SIGNING_ALG only applies to new keys). */
  alg: () => SigningAlgorithm;
}) {
  return async function getResourceServerInfo(ctx: KoaContextWithOIDC, indicator: string, client: Client): Promise<ResourceServer> {
    const resource = await input.resources.byIndicator(indicator);
    if (!resource) throw new errors.InvalidTarget(`unknown resource indicator: ${indicator}`);
    let scope: string;
    if (ctx.oidc.route === 'token' || ctx.oidc.route === 'backchannel_authentication') {
      const machine = ctx.oidc.params?.grant_type === 'client_credentials';
      const holderId = machine ? client.clientId : ctx.oidc.entities.Account?.accountId;
      const roles = holderId ? await input.access.rolesOf(machine ? 'application' : 'user', holderId) : [];
      scope = [...grantedScopeNames(roles, indicator)].join(' ');
    } else {
      scope = [...(await input.resources.scopeNames(resource.id))].join(' ');
    }
    return {
      scope,
      audience: indicator,
      accessTokenTTL: resource.accessTokenTtl,
      accessTokenFormat: 'jwt',
      jwt: { sign: { alg: input.alg() } },
    };
  };
}

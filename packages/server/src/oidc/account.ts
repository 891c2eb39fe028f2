import type { Account, KoaContextWithOIDC } from 'oidc-provider';
import { ORGANIZATION_ROLES_SCOPE, ORGANIZATIONS_SCOPE, organizationRolesClaim, organizationsClaim } from '../domain/rbac/organizations.ts';
import type { AccessResolver } from '../services/access.ts';
import type { UserDirectory } from '../services/user-directory.ts';
import type { UserRow } from '../storage/schema.ts';

/**
 * oidc-provider's findAccount: a suspended or deleted user has no account, so their refresh
 * tokens stop working at once (oidc-provider answers invalid_grant).
 */
export function createFindAccount(users: UserDirectory, access: Pick<AccessResolver, 'organizationsOf'>) {
  return async function findAccount(_ctx: KoaContextWithOIDC, sub: string): Promise<(Account & { user: UserRow }) | undefined> {
    const user = await users.byId(sub);
    if (!user || user.isSuspended === 1) return undefined;
    return {
      accountId: user.id,
      // Kept for extraTokenClaims (custom claims context), which runs in the same request.
      user,
      async claims(_use, scope) {
        // Logto's organization claims, read (from the cache) only when their scope was granted.
        const granted = new Set(scope.split(' '));
        const withOrganizations = granted.has(ORGANIZATIONS_SCOPE) || granted.has(ORGANIZATION_ROLES_SCOPE);
        const memberships = withOrganizations ? await access.organizationsOf('user', user.id) : undefined;
        return {
          ...(memberships && granted.has(ORGANIZATIONS_SCOPE) ? { organizations: organizationsClaim(memberships) } : {}),
          ...(memberships && granted.has(ORGANIZATION_ROLES_SCOPE) ? { organization_roles: organizationRolesClaim(memberships) } : {}),
          sub: user.id,
          username: user.username ?? undefined,
          name: user.name ?? undefined,
          picture: user.avatar ?? undefined,
          email: user.primaryEmail ?? undefined,
          email_verified: user.primaryEmail ? false : undefined,
          phone_number: user.primaryPhone ?? undefined,
          phone_number_verified: user.primaryPhone ? false : undefined,
          updated_at: Math.floor(user.updatedAt / 1000),
        };
      },
    };
  };
}

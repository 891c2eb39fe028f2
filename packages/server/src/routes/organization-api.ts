import type { RouteDeps } from './context.ts';
import { organizationInvitationRoutes } from './organization-invitations.ts';
import { organizationRoleRoutes } from './organization-roles.ts';
import { organizationRoleScopeRoutes } from './organization-roles.scopes.ts';
import { organizationScopeRoutes } from './organization-scopes.ts';
import { organizationRoutes } from './organizations.ts';
import { organizationApplicationRoutes } from './organizations.applications.ts';
import { organizationJitRoutes } from './organizations.jit.ts';
import { organizationUserRoutes } from './organizations.users.ts';
import { userOrganizationRoutes } from './users.organizations.ts';

/** Every organization route of the Management API (Logto's paths), mounted with one call in app.ts. */
export function organizationApiRoutes(deps: RouteDeps): void {
  organizationRoutes(deps);
  organizationUserRoutes(deps);
  organizationApplicationRoutes(deps);
  organizationJitRoutes(deps);
  organizationScopeRoutes(deps);
  organizationRoleRoutes(deps);
  organizationRoleScopeRoutes(deps);
  organizationInvitationRoutes(deps);
  userOrganizationRoutes(deps);
}

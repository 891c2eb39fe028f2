import { roleTypeFor, type HolderKind, type RoleWithScopes, type ScopeWithResource } from './role-scopes.ts';

/**
 * Organizations in tokens, with Logto's wire names (RFC 0001/0006 of logto-io/rfcs): the
 * facts come from storage, nothing here reads a database.
 */

/** The reserved resource whose scopes are the organization template's permissions. */
export const ORGANIZATION_RESOURCE = 'urn:logto:resource:organizations';
/** ID token / userinfo claim `organizations`: the ids of the user's organizations. */
export const ORGANIZATIONS_SCOPE = 'urn:logto:scope:organizations';
/** ID token / userinfo claim `organization_roles`: `<organizationId>:<roleName>` pairs. */
export const ORGANIZATION_ROLES_SCOPE = 'urn:logto:scope:organization_roles';
const URN_PREFIX = 'urn:logto:organization:';

/** The audience of an organization token. */
export function organizationUrn(organizationId: string): string {
  return `${URN_PREFIX}${organizationId}`;
}

export function isOrganizationUrn(audience: unknown): boolean {
  return typeof audience === 'string' && audience.startsWith(URN_PREFIX);
}

interface OrganizationRoleGrant {
  id: string;
  name: string;
  type: string;
  /** Names of the organization scopes (permissions such as `invite:member`) the role grants. */
  organizationScopes: string[];
  /** API-resource scopes the role grants inside the organization. */
  resourceScopes: ScopeWithResource[];
}

/** One organization the holder is a member of, with the roles they hold in it. */
export interface OrganizationMembership {
  id: string;
  name: string;
  description: string | null;
  /** The organization's customData as stored (JSON text). */
  customData: string;
  isMfaRequired: boolean;
  roles: OrganizationRoleGrant[];
}

export interface MembershipFacts {
  organizations: ReadonlyArray<{ id: string; name: string; description: string | null; customData: string; isMfaRequired: number }>;
  roles: ReadonlyArray<{ organizationId: string; roleId: string; roleName: string; roleType: string }>;
  grants: ReadonlyArray<
    | { roleId: string; kind: 'organization'; scopeName: string }
    | {
        roleId: string;
        kind: 'resource';
        scopeId: string;
        scopeName: string;
        scopeDescription: string | null;
        resourceId: string;
        resourceName: string;
        resourceIndicator: string;
      }
  >;
}

/**
 * Groups the facts into memberships. Only roles of the holder's type count (users hold User
 * roles, machine apps MachineToMachine roles), as for global roles; a role held in an
 * organization the holder is no longer a member of counts for nothing.
 */
export function groupMemberships(facts: MembershipFacts, holder: HolderKind): OrganizationMembership[] {
  const type = roleTypeFor(holder);
  const grants = new Map<string, { organizationScopes: string[]; resourceScopes: ScopeWithResource[] }>();
  for (const g of facts.grants) {
    let entry = grants.get(g.roleId);
    if (!entry) grants.set(g.roleId, (entry = { organizationScopes: [], resourceScopes: [] }));
    if (g.kind === 'organization') entry.organizationScopes.push(g.scopeName);
    else {
      entry.resourceScopes.push({
        id: g.scopeId,
        name: g.scopeName,
        description: g.scopeDescription,
        resourceId: g.resourceId,
        resource: { id: g.resourceId, name: g.resourceName, indicator: g.resourceIndicator },
      });
    }
  }
  const byId = new Map<string, OrganizationMembership>();
  for (const o of facts.organizations) {
    byId.set(o.id, {
      id: o.id,
      name: o.name,
      description: o.description,
      customData: o.customData,
      isMfaRequired: o.isMfaRequired === 1,
      roles: [],
    });
  }
  for (const r of facts.roles) {
    const membership = byId.get(r.organizationId);
    if (!membership || r.roleType !== type) continue;
    const g = grants.get(r.roleId) ?? { organizationScopes: [], resourceScopes: [] };
    membership.roles.push({ id: r.roleId, name: r.roleName, type: r.roleType, ...g });
  }
  return [...byId.values()];
}

export function findMembership(memberships: readonly OrganizationMembership[], organizationId: string): OrganizationMembership | undefined {
  return memberships.find((m) => m.id === organizationId);
}

/** The organization permissions the holder's roles grant in one organization. */
export function organizationScopeNames(membership: OrganizationMembership): Set<string> {
  const names = new Set<string>();
  for (const role of membership.roles) for (const s of role.organizationScopes) names.add(s);
  return names;
}

/**
 * The holder's roles in one organization as RBAC roles whose scopes are the API scopes they
 * grant there, so the global-role rules (granted scopes, Hasura roles) apply to them unchanged.
 */
export function organizationRolesAsRbac(membership: OrganizationMembership): RoleWithScopes[] {
  return membership.roles.map((r) => ({ id: r.id, name: r.name, description: null, type: r.type, scopes: r.resourceScopes }));
}

/** The `organizations` claim: the ids of the holder's organizations. */
export function organizationsClaim(memberships: readonly OrganizationMembership[]): string[] {
  return memberships.map((m) => m.id);
}

/** The `organization_roles` claim: `<organizationId>:<roleName>` for every role held. */
export function organizationRolesClaim(memberships: readonly OrganizationMembership[]): string[] {
  return memberships.flatMap((m) => m.roles.map((r) => `${m.id}:${r.name}`));
}

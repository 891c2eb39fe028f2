import { ValidationError } from '../errors.ts';

/** The facts the RBAC rules work on; storage produces them, nothing here reads a database. */
export interface RoleScopeFact {
  roleId: string;
  roleName: string;
  roleDescription: string | null;
  roleType: string;
  scopeId: string | null;
  scopeName: string | null;
  scopeDescription: string | null;
  resourceId: string | null;
  resourceName: string | null;
  resourceIndicator: string | null;
}

export interface ScopeWithResource {
  id: string;
  name: string;
  description: string | null;
  resourceId: string;
  resource: { id: string; name: string; indicator: string };
}

export interface RoleWithScopes {
  id: string;
  name: string;
  description: string | null;
  type: string;
  scopes: ScopeWithResource[];
}

export type RoleType = 'User' | 'MachineToMachine';
export type HolderKind = 'user' | 'application';

/** Groups (role, scope) facts into roles with their scopes, keeping the facts' order. */
export function groupRoleScopes(facts: readonly RoleScopeFact[]): RoleWithScopes[] {
  const roles = new Map<string, RoleWithScopes>();
  for (const f of facts) {
    let role = roles.get(f.roleId);
    if (!role) {
      role = { id: f.roleId, name: f.roleName, description: f.roleDescription, type: f.roleType, scopes: [] };
      roles.set(f.roleId, role);
    }
    if (f.scopeId && f.scopeName && f.resourceId && f.resourceIndicator) {
      role.scopes.push({
        id: f.scopeId,
        name: f.scopeName,
        description: f.scopeDescription,
        resourceId: f.resourceId,
        resource: { id: f.resourceId, name: f.resourceName ?? '', indicator: f.resourceIndicator },
      });
    }
  }
  return [...roles.values()];
}

/** The role type a holder may hold: users hold User roles, machine apps MachineToMachine roles. */
export function roleTypeFor(holder: HolderKind): RoleType {
  return holder === 'user' ? 'User' : 'MachineToMachine';
}

/** Only roles of the holder's type grant anything: a mis-typed assignment grants nothing. */
export function effectiveRoles(roles: readonly RoleWithScopes[], holder: HolderKind): RoleWithScopes[] {
  const type = roleTypeFor(holder);
  return roles.filter((r) => r.type === type);
}

/** Names of the scopes of one resource that the roles grant. */
export function grantedScopeNames(roles: readonly RoleWithScopes[], indicator: string): Set<string> {
  const granted = new Set<string>();
  for (const role of roles) for (const s of role.scopes) if (s.resource.indicator === indicator) granted.add(s.name);
  return granted;
}

/** Requested scopes, in request order, that the roles grant: never more than was asked for. */
export function filterRequestedScopes(requested: Iterable<string>, granted: ReadonlySet<string>): string[] {
  return [...new Set(requested)].filter((s) => granted.has(s));
}

/** Names of the roles that grant at least one scope of the resource (the Hasura role set). */
export function rolesForResource(roles: readonly RoleWithScopes[], indicator: string): string[] {
  return roles.filter((r) => r.scopes.some((s) => s.resource.indicator === indicator)).map((r) => r.name);
}

/**
 * The default Hasura role: the first of the preferred names (USER_DEFAULT_ROLE_NAMES) that is
 * allowed, else the first allowed role. Never a role outside the allowed list.
 */
export function pickDefaultRole(allowed: readonly string[], preferred: readonly string[] = []): string | undefined {
  return preferred.find((name) => allowed.includes(name)) ?? allowed[0];
}

export function parseRoleNameList(value: string | undefined): string[] {
  return (value ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
}

export function assertRolesAssignable(roles: ReadonlyArray<{ name: string; type: string }>, holder: HolderKind): void {
  const type = roleTypeFor(holder);
  const wrong = roles.filter((r) => r.type !== type);
  if (wrong.length > 0) {
    const what = holder === 'user' ? 'users' : 'machine-to-machine applications';
    throw new ValidationError(
      `Only ${type} roles can be assigned to ${what}.`,
      wrong.map((r) => ({
        path: 'roleIds',
        message: `role "${r.name}" is of type ${r.type}`,
      })),
    );
  }
}

import type { Db } from '../db.ts';
import type { OrganizationRow } from '../schema.ts';
import type { MemberKind } from './organizations-members.ts';

/**
 * What token issuance and the Hasura webhook need to know about one holder's organizations,
 * read in three queries however many organizations the holder is in (the access resolver
 * caches the result until the next organization change).
 */

/** One (organization, role) pair the holder holds, with the role's type. */
export interface MemberRoleFact {
  organizationId: string;
  roleId: string;
  roleName: string;
  roleType: string;
}

/** One permission a role grants: an organization scope, or an API-resource scope (with its resource). */
export type RoleGrantFact =
  | { roleId: string; kind: 'organization'; scopeId: string; scopeName: string }
  | {
      roleId: string;
      kind: 'resource';
      scopeId: string;
      scopeName: string;
      scopeDescription: string | null;
      resourceId: string;
      resourceName: string;
      resourceIndicator: string;
    };

export function listOrganizationsOfMember(db: Db, kind: MemberKind, id: string): Promise<OrganizationRow[]> {
  const base =
    kind === 'user'
      ? db.selectFrom('organizationUserRelations as m').where('m.userId', '=', id)
      : db.selectFrom('organizationApplicationRelations as m').where('m.applicationId', '=', id);
  return base.innerJoin('organizations as o', 'o.id', 'm.organizationId').selectAll('o').orderBy('o.createdAt').orderBy('o.id').execute();
}

export function listMemberRoleFacts(db: Db, kind: MemberKind, id: string): Promise<MemberRoleFact[]> {
  const base =
    kind === 'user'
      ? db.selectFrom('organizationRoleUserRelations as h').where('h.userId', '=', id)
      : db.selectFrom('organizationRoleApplicationRelations as h').where('h.applicationId', '=', id);
  return base
    .innerJoin('organizationRoles as r', 'r.id', 'h.organizationRoleId')
    .select(['h.organizationId', 'r.id as roleId', 'r.name as roleName', 'r.type as roleType'])
    .orderBy('r.createdAt')
    .orderBy('r.id')
    .execute();
}

/** The organization scopes and API-resource scopes the given organization roles grant. */
export async function listRoleGrantFacts(db: Db, roleIds: readonly string[]): Promise<RoleGrantFact[]> {
  if (roleIds.length === 0) return [];
  const [organizationScopes, resourceScopes] = await Promise.all([
    db
      .selectFrom('organizationRoleScopes as rs')
      .innerJoin('organizationScopes as s', 's.id', 'rs.organizationScopeId')
      .select(['rs.organizationRoleId as roleId', 's.id as scopeId', 's.name as scopeName'])
      .where('rs.organizationRoleId', 'in', [...roleIds])
      .orderBy('s.createdAt')
      .orderBy('s.id')
      .execute(),
    db
      .selectFrom('organizationRoleResourceScopes as rs')
      .innerJoin('scopes as s', 's.id', 'rs.scopeId')
      .innerJoin('resources as r', 'r.id', 's.resourceId')
      .select([
        'rs.organizationRoleId as roleId',
        's.id as scopeId',
        's.name as scopeName',
        's.description as scopeDescription',
        'r.id as resourceId',
        'r.name as resourceName',
        'r.indicator as resourceIndicator',
      ])
      .where('rs.organizationRoleId', 'in', [...roleIds])
      .orderBy('s.createdAt')
      .orderBy('s.id')
      .execute(),
  ]);
  return [
    ...organizationScopes.map((s) => ({ ...s, kind: 'organization' as const })),
    ...resourceScopes.map((s) => ({ ...s, kind: 'resource' as const })),
  ];
}

/** Every organization scope name of the template (what an authorization request may ask for). */
export async function listOrganizationScopeNames(db: Db): Promise<string[]> {
  const rows = await db.selectFrom('organizationScopes').select('name').orderBy('createdAt').orderBy('id').execute();
  return rows.map((r) => r.name);
}

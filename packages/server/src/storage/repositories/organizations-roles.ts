import type { Insertable, Updateable } from 'kysely';
import type { Db } from '../db.ts';
import type { OrganizationRoleRow, OrganizationRolesTable, OrganizationScopeRow, ScopeRow } from '../schema.ts';
import type { Page } from './pagination.ts';
import { hasChanges } from './patch.ts';

export interface OrganizationRoleFilter {
  search?: string;
  type?: string;
}

function filtered(db: Db, filter: OrganizationRoleFilter) {
  let q = db.selectFrom('organizationRoles');
  const { search, type } = filter;
  if (search) q = q.where((eb) => eb.or([eb('name', 'like', `%${search}%`), eb('id', '=', search)]));
  if (type) q = q.where('type', '=', type);
  return q;
}

export function listOrganizationRoles(db: Db, page: Page, filter: OrganizationRoleFilter = {}): Promise<OrganizationRoleRow[]> {
  return filtered(db, filter).selectAll().orderBy('createdAt', 'asc').orderBy('id').limit(page.limit).offset(page.offset).execute();
}

export async function countOrganizationRoles(db: Db, filter: OrganizationRoleFilter = {}): Promise<number> {
  const row = await filtered(db, filter)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export function findOrganizationRoleById(db: Db, id: string): Promise<OrganizationRoleRow | undefined> {
  return db.selectFrom('organizationRoles').selectAll().where('id', '=', id).executeTakeFirst();
}

export function findOrganizationRoleByName(db: Db, name: string): Promise<OrganizationRoleRow | undefined> {
  return db.selectFrom('organizationRoles').selectAll().where('name', '=', name).executeTakeFirst();
}

export function findOrganizationRolesByIds(db: Db, ids: readonly string[]): Promise<OrganizationRoleRow[]> {
  if (ids.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('organizationRoles')
    .selectAll()
    .where('id', 'in', [...ids])
    .execute();
}

export function findOrganizationRolesByNames(db: Db, names: readonly string[]): Promise<OrganizationRoleRow[]> {
  if (names.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('organizationRoles')
    .selectAll()
    .where('name', 'in', [...names])
    .execute();
}

export async function insertOrganizationRole(db: Db, row: Insertable<OrganizationRolesTable>): Promise<void> {
  await db.insertInto('organizationRoles').values(row).execute();
}

export async function updateOrganizationRole(db: Db, id: string, patch: Updateable<OrganizationRolesTable>): Promise<void> {
  if (!hasChanges(patch)) return;
  await db.updateTable('organizationRoles').set(patch).where('id', '=', id).execute();
}

/** Every assignment of the role (members, invitations, JIT, scopes) goes with it (cascades). */
export async function deleteOrganizationRole(db: Db, id: string): Promise<number> {
  const r = await db.deleteFrom('organizationRoles').where('id', '=', id).executeTakeFirst();
  return Number(r.numDeletedRows);
}

// Organization scopes a role grants.

export function listScopesOfOrganizationRole(db: Db, roleId: string): Promise<OrganizationScopeRow[]> {
  return db
    .selectFrom('organizationRoleScopes as rs')
    .innerJoin('organizationScopes as s', 's.id', 'rs.organizationScopeId')
    .selectAll('s')
    .where('rs.organizationRoleId', '=', roleId)
    .orderBy('s.createdAt')
    .orderBy('s.id')
    .execute();
}

export function listScopesOfOrganizationRoles(
  db: Db,
  roleIds: readonly string[],
): Promise<Array<{ organizationRoleId: string; id: string; name: string }>> {
  if (roleIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('organizationRoleScopes as rs')
    .innerJoin('organizationScopes as s', 's.id', 'rs.organizationScopeId')
    .select(['rs.organizationRoleId', 's.id', 's.name'])
    .where('rs.organizationRoleId', 'in', [...roleIds])
    .orderBy('s.createdAt')
    .orderBy('s.id')
    .execute();
}

export async function insertOrganizationRoleScopes(db: Db, roleId: string, scopeIds: readonly string[]): Promise<void> {
  if (scopeIds.length === 0) return;
  await db
    .insertInto('organizationRoleScopes')
    .values(scopeIds.map((organizationScopeId) => ({ organizationRoleId: roleId, organizationScopeId })))
    .onConflict((oc) => oc.doNothing())
    .execute();
}

export async function deleteOrganizationRoleScopes(db: Db, roleId: string): Promise<void> {
  await db.deleteFrom('organizationRoleScopes').where('organizationRoleId', '=', roleId).execute();
}

export async function deleteOrganizationRoleScope(db: Db, roleId: string, scopeId: string): Promise<number> {
  const r = await db
    .deleteFrom('organizationRoleScopes')
    .where('organizationRoleId', '=', roleId)
    .where('organizationScopeId', '=', scopeId)
    .executeTakeFirst();
  return Number(r.numDeletedRows);
}

// API-resource scopes a role grants inside an organization.

export function listResourceScopesOfOrganizationRole(db: Db, roleId: string): Promise<ScopeRow[]> {
  return db
    .selectFrom('organizationRoleResourceScopes as rs')
    .innerJoin('scopes as s', 's.id', 'rs.scopeId')
    .selectAll('s')
    .where('rs.organizationRoleId', '=', roleId)
    .orderBy('s.createdAt')
    .orderBy('s.id')
    .execute();
}

export function listResourceScopesOfOrganizationRoles(
  db: Db,
  roleIds: readonly string[],
): Promise<Array<{ organizationRoleId: string; id: string; name: string; resourceId: string; resourceName: string }>> {
  if (roleIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('organizationRoleResourceScopes as rs')
    .innerJoin('scopes as s', 's.id', 'rs.scopeId')
    .innerJoin('resources as r', 'r.id', 's.resourceId')
    .select(['rs.organizationRoleId', 's.id', 's.name', 'r.id as resourceId', 'r.name as resourceName'])
    .where('rs.organizationRoleId', 'in', [...roleIds])
    .orderBy('s.createdAt')
    .orderBy('s.id')
    .execute();
}

export async function insertOrganizationRoleResourceScopes(db: Db, roleId: string, scopeIds: readonly string[]): Promise<void> {
  if (scopeIds.length === 0) return;
  await db
    .insertInto('organizationRoleResourceScopes')
    .values(scopeIds.map((scopeId) => ({ organizationRoleId: roleId, scopeId })))
    .onConflict((oc) => oc.doNothing())
    .execute();
}

export async function deleteOrganizationRoleResourceScopes(db: Db, roleId: string): Promise<void> {
  await db.deleteFrom('organizationRoleResourceScopes').where('organizationRoleId', '=', roleId).execute();
}

export async function deleteOrganizationRoleResourceScope(db: Db, roleId: string, scopeId: string): Promise<number> {
  const r = await db
    .deleteFrom('organizationRoleResourceScopes')
    .where('organizationRoleId', '=', roleId)
    .where('scopeId', '=', scopeId)
    .executeTakeFirst();
  return Number(r.numDeletedRows);
}

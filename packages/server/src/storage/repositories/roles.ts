import type { Insertable, Updateable } from 'kysely';
import type { Db } from '../db.ts';
import type { RoleRow, RolesTable, ScopeRow } from '../schema.ts';
import type { Page } from './pagination.ts';
import { hasChanges } from './patch.ts';

export interface RoleFilter {
  search?: string;
  type?: string;
}

function filtered(db: Db, filter: RoleFilter) {
  let q = db.selectFrom('roles');
  if (filter.search) q = q.where('name', 'like', `%${filter.search}%`);
  if (filter.type) q = q.where('type', '=', filter.type);
  return q;
}

export function listRoles(db: Db, page: Page, filter: RoleFilter = {}): Promise<RoleRow[]> {
  return filtered(db, filter).selectAll().orderBy('createdAt', 'asc').orderBy('id').limit(page.limit).offset(page.offset).execute();
}

export async function countRoles(db: Db, filter: RoleFilter = {}): Promise<number> {
  const row = await filtered(db, filter)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export function findRoleById(db: Db, id: string): Promise<RoleRow | undefined> {
  return db.selectFrom('roles').selectAll().where('id', '=', id).executeTakeFirst();
}

export function findRoleByName(db: Db, name: string): Promise<RoleRow | undefined> {
  return db.selectFrom('roles').selectAll().where('name', '=', name).executeTakeFirst();
}

export function findRolesByIds(db: Db, ids: readonly string[]): Promise<RoleRow[]> {
  if (ids.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('roles')
    .selectAll()
    .where('id', 'in', [...ids])
    .execute();
}

export async function insertRole(db: Db, row: Insertable<RolesTable>): Promise<void> {
  await db.insertInto('roles').values(row).execute();
}

export async function updateRole(db: Db, id: string, patch: Updateable<RolesTable>): Promise<void> {
  if (!hasChanges(patch)) return;
  await db.updateTable('roles').set(patch).where('id', '=', id).execute();
}

export async function deleteRole(db: Db, id: string): Promise<void> {
  await db.deleteFrom('roles').where('id', '=', id).execute();
}

export function listScopesOfRole(db: Db, roleId: string): Promise<ScopeRow[]> {
  return db
    .selectFrom('rolesScopes')
    .innerJoin('scopes', 'scopes.id', 'rolesScopes.scopeId')
    .selectAll('scopes')
    .where('rolesScopes.roleId', '=', roleId)
    .orderBy('scopes.createdAt')
    .execute();
}

export async function insertRoleScopes(db: Db, roleId: string, scopeIds: readonly string[]): Promise<void> {
  if (scopeIds.length === 0) return;
  await db
    .insertInto('rolesScopes')
    .values(scopeIds.map((scopeId) => ({ roleId, scopeId })))
    .execute();
}

export async function deleteRoleScope(db: Db, roleId: string, scopeId: string): Promise<number> {
  const r = await db.deleteFrom('rolesScopes').where('roleId', '=', roleId).where('scopeId', '=', scopeId).executeTakeFirst();
  return Number(r.numDeletedRows);
}

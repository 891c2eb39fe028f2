import type { Insertable, Updateable } from 'kysely';
import type { Db } from '../db.ts';
import type { OrganizationScopeRow, OrganizationScopesTable } from '../schema.ts';
import type { Page } from './pagination.ts';
import { hasChanges } from './patch.ts';

function searched(db: Db, search?: string) {
  let q = db.selectFrom('organizationScopes');
  if (search) q = q.where((eb) => eb.or([eb('name', 'like', `%${search}%`), eb('id', '=', search)]));
  return q;
}

export function listOrganizationScopes(db: Db, page: Page, search?: string): Promise<OrganizationScopeRow[]> {
  return searched(db, search).selectAll().orderBy('createdAt', 'asc').orderBy('id').limit(page.limit).offset(page.offset).execute();
}

export async function countOrganizationScopes(db: Db, search?: string): Promise<number> {
  const row = await searched(db, search)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export function findOrganizationScopeById(db: Db, id: string): Promise<OrganizationScopeRow | undefined> {
  return db.selectFrom('organizationScopes').selectAll().where('id', '=', id).executeTakeFirst();
}

export function findOrganizationScopeByName(db: Db, name: string): Promise<OrganizationScopeRow | undefined> {
  return db.selectFrom('organizationScopes').selectAll().where('name', '=', name).executeTakeFirst();
}

export function findOrganizationScopesByIds(db: Db, ids: readonly string[]): Promise<OrganizationScopeRow[]> {
  if (ids.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('organizationScopes')
    .selectAll()
    .where('id', 'in', [...ids])
    .execute();
}

export async function insertOrganizationScope(db: Db, row: Insertable<OrganizationScopesTable>): Promise<void> {
  await db.insertInto('organizationScopes').values(row).execute();
}

export async function updateOrganizationScope(db: Db, id: string, patch: Updateable<OrganizationScopesTable>): Promise<void> {
  if (!hasChanges(patch)) return;
  await db.updateTable('organizationScopes').set(patch).where('id', '=', id).execute();
}

export async function deleteOrganizationScope(db: Db, id: string): Promise<number> {
  const r = await db.deleteFrom('organizationScopes').where('id', '=', id).executeTakeFirst();
  return Number(r.numDeletedRows);
}

import type { Insertable, Updateable } from 'kysely';
import type { Db } from '../db.ts';
import type { ResourceRow, ResourcesTable, ScopeRow, ScopesTable } from '../schema.ts';
import type { Page } from './pagination.ts';
import { hasChanges } from './patch.ts';

export async function listResources(db: Db, page: Page, search?: string): Promise<ResourceRow[]> {
  let q = db.selectFrom('resources').selectAll();
  if (search) q = q.where((eb) => eb.or([eb('name', 'like', `%${search}%`), eb('indicator', 'like', `%${search}%`)]));
  return q.orderBy('createdAt', 'asc').orderBy('id').limit(page.limit).offset(page.offset).execute();
}

export async function countResources(db: Db, search?: string): Promise<number> {
  let q = db.selectFrom('resources').select((eb) => eb.fn.countAll<number>().as('n'));
  if (search) q = q.where((eb) => eb.or([eb('name', 'like', `%${search}%`), eb('indicator', 'like', `%${search}%`)]));
  return Number((await q.executeTakeFirstOrThrow()).n);
}

export function findResourceById(db: Db, id: string): Promise<ResourceRow | undefined> {
  return db.selectFrom('resources').selectAll().where('id', '=', id).executeTakeFirst();
}

export function findResourceByIndicator(db: Db, indicator: string): Promise<ResourceRow | undefined> {
  return db.selectFrom('resources').selectAll().where('indicator', '=', indicator).executeTakeFirst();
}

export async function insertResource(db: Db, row: Insertable<ResourcesTable>): Promise<void> {
  await db.insertInto('resources').values(row).execute();
}

export async function updateResource(db: Db, id: string, patch: Updateable<ResourcesTable>): Promise<void> {
  if (!hasChanges(patch)) return;
  await db.updateTable('resources').set(patch).where('id', '=', id).execute();
}

export async function deleteResource(db: Db, id: string): Promise<void> {
  await db.deleteFrom('resources').where('id', '=', id).execute();
}

export function listScopesOfResource(db: Db, resourceId: string, page: Page): Promise<ScopeRow[]> {
  return db
    .selectFrom('scopes')
    .selectAll()
    .where('resourceId', '=', resourceId)
    .orderBy('createdAt', 'asc')
    .orderBy('id')
    .limit(page.limit)
    .offset(page.offset)
    .execute();
}

export async function countScopesOfResource(db: Db, resourceId: string): Promise<number> {
  const row = await db
    .selectFrom('scopes')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('resourceId', '=', resourceId)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export function findScopeById(db: Db, id: string): Promise<ScopeRow | undefined> {
  return db.selectFrom('scopes').selectAll().where('id', '=', id).executeTakeFirst();
}

export function findScopesByIds(db: Db, ids: readonly string[]): Promise<ScopeRow[]> {
  if (ids.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('scopes')
    .selectAll()
    .where('id', 'in', [...ids])
    .execute();
}

export async function listScopeNamesOfResource(db: Db, resourceId: string): Promise<string[]> {
  const rows = await db.selectFrom('scopes').select('name').where('resourceId', '=', resourceId).execute();
  return rows.map((r) => r.name);
}

export async function insertScope(db: Db, row: Insertable<ScopesTable>): Promise<void> {
  await db.insertInto('scopes').values(row).execute();
}

export async function updateScope(db: Db, id: string, patch: Updateable<ScopesTable>): Promise<void> {
  if (!hasChanges(patch)) return;
  await db.updateTable('scopes').set(patch).where('id', '=', id).execute();
}

export async function deleteScope(db: Db, id: string): Promise<void> {
  await db.deleteFrom('scopes').where('id', '=', id).execute();
}

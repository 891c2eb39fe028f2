import type { Insertable, Updateable } from 'kysely';
import type { Db } from '../db.ts';
import type { ApplicationRow, ApplicationsTable } from '../schema.ts';
import { parseUriList } from './json-columns.ts';
import type { Page } from './pagination.ts';
import { hasChanges } from './patch.ts';

function searched(db: Db, search?: string) {
  let q = db.selectFrom('applications');
  if (search) q = q.where('name', 'like', `%${search}%`);
  return q;
}

export function listApplications(db: Db, page: Page, search?: string): Promise<ApplicationRow[]> {
  return searched(db, search).selectAll().orderBy('createdAt', 'asc').orderBy('id').limit(page.limit).offset(page.offset).execute();
}

export async function countApplications(db: Db, search?: string): Promise<number> {
  const row = await searched(db, search)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export function findApplicationById(db: Db, id: string): Promise<ApplicationRow | undefined> {
  return db.selectFrom('applications').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Every application's redirect URIs (the CORS origin policy loads them all at once). */
export async function listApplicationRedirectUris(db: Db): Promise<Array<{ id: string; redirectUris: string[] }>> {
  const rows = await db.selectFrom('applications').select(['id', 'redirectUris']).execute();
  return rows.map((row) => ({ id: row.id, redirectUris: parseUriList(row.redirectUris) }));
}

export async function insertApplication(db: Db, row: Insertable<ApplicationsTable>): Promise<void> {
  await db.insertInto('applications').values(row).execute();
}

export async function updateApplication(db: Db, id: string, patch: Updateable<ApplicationsTable>): Promise<void> {
  if (!hasChanges(patch)) return;
  await db.updateTable('applications').set(patch).where('id', '=', id).execute();
}

export async function deleteApplication(db: Db, id: string): Promise<void> {
  await db.deleteFrom('applications').where('id', '=', id).execute();
}

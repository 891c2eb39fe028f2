import type { Insertable, Updateable } from 'kysely';
import type { Db } from '../db.ts';
import type { OrganizationRow, OrganizationsTable } from '../schema.ts';
import type { Page } from './pagination.ts';
import { hasChanges } from './patch.ts';

function searched(db: Db, search?: string) {
  let q = db.selectFrom('organizations');
  if (search) q = q.where((eb) => eb.or([eb('name', 'like', `%${search}%`), eb('id', '=', search)]));
  return q;
}

export function listOrganizations(db: Db, page: Page, search?: string): Promise<OrganizationRow[]> {
  return searched(db, search).selectAll().orderBy('createdAt', 'asc').orderBy('id').limit(page.limit).offset(page.offset).execute();
}

export async function countOrganizations(db: Db, search?: string): Promise<number> {
  const row = await searched(db, search)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export function findOrganizationById(db: Db, id: string): Promise<OrganizationRow | undefined> {
  return db.selectFrom('organizations').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function insertOrganization(db: Db, row: Insertable<OrganizationsTable>): Promise<void> {
  await db.insertInto('organizations').values(row).execute();
}

export async function updateOrganization(db: Db, id: string, patch: Updateable<OrganizationsTable>): Promise<void> {
  if (!hasChanges(patch)) return;
  await db.updateTable('organizations').set(patch).where('id', '=', id).execute();
}

/** Memberships, member roles, invitations and JIT rules go with it (foreign-key cascades). */
export async function deleteOrganization(db: Db, id: string): Promise<number> {
  const r = await db.deleteFrom('organizations').where('id', '=', id).executeTakeFirst();
  return Number(r.numDeletedRows);
}

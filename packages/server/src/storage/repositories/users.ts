import type { Insertable, Updateable } from 'kysely';
import type { Db } from '../db.ts';
import type { UserRow, UsersTable } from '../schema.ts';
import type { Page } from './pagination.ts';

function searched(db: Db, search?: string) {
  let q = db.selectFrom('users');
  if (search) {
    const like = `%${search}%`;
    q = q.where((eb) =>
      eb.or([eb('username', 'like', like), eb('primaryEmail', 'like', like), eb('name', 'like', like), eb('id', '=', search)]),
    );
  }
  return q;
}

export function listUsers(db: Db, page: Page, search?: string): Promise<UserRow[]> {
  return searched(db, search).selectAll().orderBy('createdAt', 'asc').orderBy('id').limit(page.limit).offset(page.offset).execute();
}

export async function countUsers(db: Db, search?: string): Promise<number> {
  const row = await searched(db, search).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return Number(row.n);
}

export function findUserById(db: Db, id: string): Promise<UserRow | undefined> {
  return db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Sign-in identifier: a username, or an email compared case-insensitively. */
export function findUserByIdentifier(db: Db, identifier: string): Promise<UserRow | undefined> {
  return db
    .selectFrom('users')
    .selectAll()
    .where((eb) => eb.or([eb('username', '=', identifier), eb('primaryEmail', '=', identifier.toLowerCase())]))
    .executeTakeFirst();
}

export function findUserByUsername(db: Db, username: string): Promise<UserRow | undefined> {
  return db.selectFrom('users').selectAll().where('username', '=', username).executeTakeFirst();
}

export async function insertUser(db: Db, row: Insertable<UsersTable>): Promise<void> {
  await db.insertInto('users').values(row).execute();
}

export async function updateUser(db: Db, id: string, patch: Updateable<UsersTable>): Promise<void> {
  await db.updateTable('users').set(patch).where('id', '=', id).execute();
}

export async function deleteUser(db: Db, id: string): Promise<void> {
  await db.deleteFrom('users').where('id', '=', id).execute();
}

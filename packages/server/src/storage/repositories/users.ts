import type { Insertable, Updateable } from 'kysely';
import type { Db } from '../db.ts';
import type { UserRow, UsersTable } from '../schema.ts';
import type { Page } from './pagination.ts';
import { hasChanges } from './patch.ts';

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
  const row = await searched(db, search)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
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

/**
 * The ids of every user an identifier could name, ignoring case: its id, username or email.
 * Lockout counts per account, so a case variant must land on the same counter.
 * (`lower(username)` is indexed by the 2026_12_01 migration.)
 */
export async function listUserIdsMatchingIdentifier(db: Db, identifier: string, opts: { includeId?: boolean } = {}): Promise<string[]> {
  const lower = identifier.toLowerCase();
  const rows = await db
    .selectFrom('users')
    .select('id')
    .where((eb) =>
      eb.or([
        eb(eb.fn('lower', ['username']), '=', lower),
        eb('primaryEmail', '=', lower),
        ...(opts.includeId ? [eb('id', '=', identifier)] : []),
      ]),
    )
    .execute();
  return rows.map((r) => r.id);
}

/** Emails are stored lowercased (services/users.ts). */
export function findUserByEmail(db: Db, email: string): Promise<UserRow | undefined> {
  return db.selectFrom('users').selectAll().where('primaryEmail', '=', email.trim().toLowerCase()).executeTakeFirst();
}

export function findUserByUsername(db: Db, username: string): Promise<UserRow | undefined> {
  return db.selectFrom('users').selectAll().where('username', '=', username).executeTakeFirst();
}

export async function insertUser(db: Db, row: Insertable<UsersTable>): Promise<void> {
  await db.insertInto('users').values(row).execute();
}

export async function updateUser(db: Db, id: string, patch: Updateable<UsersTable>): Promise<void> {
  if (!hasChanges(patch)) return;
  await db.updateTable('users').set(patch).where('id', '=', id).execute();
}

export async function deleteUser(db: Db, id: string): Promise<void> {
  await db.deleteFrom('users').where('id', '=', id).execute();
}

import type { Insertable } from 'kysely';
import type { Db } from '../db.ts';
import type { SigningKeyRow, SigningKeysTable } from '../schema.ts';

export function listSigningKeys(db: Db): Promise<SigningKeyRow[]> {
  return db.selectFrom('signingKeys').selectAll().orderBy('activatesAt', 'desc').orderBy('createdAt', 'desc').execute();
}

export async function insertSigningKey(db: Db, row: Insertable<SigningKeysTable>): Promise<void> {
  await db.insertInto('signingKeys').values(row).execute();
}

export async function setSigningKeyExpiry(db: Db, id: string, expiresAt: number): Promise<void> {
  await db.updateTable('signingKeys').set({ expiresAt }).where('id', '=', id).execute();
}

export async function deleteSigningKey(db: Db, id: string): Promise<void> {
  await db.deleteFrom('signingKeys').where('id', '=', id).execute();
}

/** The longest access token TTL (seconds) of any API resource, if there is one. */
export async function findMaxAccessTokenTtl(db: Db): Promise<number | undefined> {
  const row = await db
    .selectFrom('resources')
    .select((eb) => eb.fn.max('accessTokenTtl').as('ttl'))
    .executeTakeFirst();
  return row?.ttl === null || row?.ttl === undefined ? undefined : Number(row.ttl);
}

export async function deleteExpiredSigningKeys(db: Db, now: number): Promise<void> {
  await db.deleteFrom('signingKeys').where('expiresAt', 'is not', null).where('expiresAt', '<=', now).execute();
}

import type { Db } from '../db.ts';

export function findSignInFailure(db: Db, key: string) {
  return db.selectFrom('signInFailures').selectAll().where('key', '=', key).executeTakeFirst();
}

export async function upsertSignInFailure(
  db: Db,
  row: { key: string; failures: number; windowStart: number; lockedUntil: number | null },
): Promise<void> {
  await db
    .insertInto('signInFailures')
    .values(row)
    .onConflict((oc) =>
      oc.column('key').doUpdateSet({ failures: row.failures, windowStart: row.windowStart, lockedUntil: row.lockedUntil }),
    )
    .execute();
}

export async function deleteSignInFailure(db: Db, key: string): Promise<void> {
  await db.deleteFrom('signInFailures').where('key', '=', key).execute();
}

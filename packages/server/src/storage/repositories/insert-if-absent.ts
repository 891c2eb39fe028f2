import type { Insertable } from 'kysely';
import type { Db } from '../db.ts';
import type { Database } from '../schema.ts';

/**
 * Inserts the row unless its key exists (ON CONFLICT DO NOTHING, on both dialects): several
 * processes starting at once on one database may all create the built-ins.
 */
export async function insertIfAbsent<T extends keyof Database>(db: Db, table: T, row: Insertable<Database[T]>): Promise<void> {
  await db
    .insertInto(table)
    .values(row)
    .onConflict((oc) => oc.doNothing())
    .execute();
}

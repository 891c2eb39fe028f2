import { sql } from 'kysely';
import type { Db } from '../db.ts';

/**
 * Counts one message against `key` in a fixed window, in a single upsert (concurrent sends
 * each see a distinct count). A window that has passed starts over at 1.
 */
export async function countMessage(
  db: Db,
  input: { key: string; now: number; windowMs: number },
): Promise<{ count: number; windowStart: number }> {
  const { key, now, windowMs } = input;
  const windowStart = sql.ref('messageRateLimits.windowStart');
  const stale = sql<boolean>`${windowStart} <= ${now - windowMs}`;
  const row = await db
    .insertInto('messageRateLimits')
    .values({ key, count: 1, windowStart: now })
    .onConflict((oc) =>
      oc.column('key').doUpdateSet({
        count: sql<number>`case when ${stale} then 1 else ${sql.ref('messageRateLimits.count')} + 1 end`,
        windowStart: sql<number>`case when ${stale} then ${now} else ${windowStart} end`,
      }),
    )
    .returning(['count', 'windowStart'])
    .executeTakeFirstOrThrow();
  return { count: Number(row.count), windowStart: Number(row.windowStart) };
}

/** Gives one counted message back (it was refused or could not be sent). */
export async function uncountMessage(db: Db, key: string): Promise<void> {
  await db
    .updateTable('messageRateLimits')
    .set({ count: sql<number>`${sql.ref('count')} - 1` })
    .where('key', '=', key)
    .where('count', '>', 0)
    .execute();
}

export async function deleteMessageRateLimitsBefore(db: Db, windowStartBefore: number): Promise<void> {
  await db.deleteFrom('messageRateLimits').where('windowStart', '<', windowStartBefore).execute();
}

import { sql } from 'kysely';
import type { Db } from '../db.ts';

export function findSignInFailure(db: Db, key: string) {
  return db.selectFrom('signInFailures').selectAll().where('key', '=', key).executeTakeFirst();
}

/**
 * Counts one attempt against `key` in a single statement (an upsert), so concurrent attempts
 * each see a distinct count: there is no read-then-write window to race through.
 * A row whose lock has ended, or whose window has passed without a lock, starts over at 1.
 * The lock starts when the count reaches `limit`; attempts past it do not extend it.
 */
export async function reserveSignInAttempt(
  db: Db,
  input: { key: string; now: number; windowMs: number; limit: number },
): Promise<{ failures: number; lockedUntil: number | null }> {
  const { key, now, windowMs, limit } = input;
  const lockAt = now + windowMs;
  const failures = sql.ref('signInFailures.failures');
  const windowStart = sql.ref('signInFailures.windowStart');
  const lockedUntil = sql.ref('signInFailures.lockedUntil');
  const stale = sql`((${lockedUntil} is not null and ${lockedUntil} <= ${now}) or (${lockedUntil} is null and ${windowStart} <= ${now - windowMs}))`;
  const firstLock = limit <= 1 ? lockAt : null;
  return db
    .insertInto('signInFailures')
    .values({ key, failures: 1, windowStart: now, lockedUntil: firstLock })
    .onConflict((oc) =>
      oc.column('key').doUpdateSet({
        failures: sql<number>`case when ${stale} then 1 else ${failures} + 1 end`,
        windowStart: sql<number>`case when ${stale} then ${now} else ${windowStart} end`,
        lockedUntil: sql<number | null>`case when ${stale} then ${firstLock}
          when ${lockedUntil} is not null then ${lockedUntil}
          when ${failures} + 1 >= ${limit} then ${lockAt}
          else null end`,
      }),
    )
    .returning(['failures', 'lockedUntil'])
    .executeTakeFirstOrThrow();
}

/**
 * Gives back one reserved attempt (the attempt succeeded). The lock that attempt started, if
 * any, ends with it; a lock reached by other attempts stays.
 */
export async function releaseSignInAttempt(db: Db, input: { key: string; limit: number }): Promise<void> {
  await db
    .updateTable('signInFailures')
    .set({
      failures: sql<number>`${sql.ref('failures')} - 1`,
      lockedUntil: sql<number | null>`case when ${sql.ref('failures')} - 1 < ${input.limit} then null else ${sql.ref('lockedUntil')} end`,
    })
    .where('key', '=', input.key)
    .where('failures', '>', 0)
    .execute();
}

export async function deleteSignInFailure(db: Db, key: string): Promise<void> {
  await db.deleteFrom('signInFailures').where('key', '=', key).execute();
}

export async function deleteSignInFailures(db: Db, keys: readonly string[]): Promise<void> {
  if (keys.length === 0) return;
  await db.deleteFrom('signInFailures').where('key', 'in', keys).execute();
}

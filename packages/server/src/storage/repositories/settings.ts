import type { Db } from '../db.ts';

export async function findSetting<T>(db: Db, key: string): Promise<T | undefined> {
  const row = await db.selectFrom('settings').select('value').where('key', '=', key).executeTakeFirst();
  return row ? (JSON.parse(row.value) as T) : undefined;
}

export async function upsertSetting(db: Db, key: string, value: unknown): Promise<void> {
  const now = Date.now();
  const json = JSON.stringify(value);
  await db
    .insertInto('settings')
    .values({ key, value: json, updatedAt: now })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value: json, updatedAt: now }))
    .execute();
}

/** Inserts only when absent; returns the stored value (ours or a concurrent writer's). */
export async function insertSettingIfAbsent<T>(db: Db, key: string, value: T): Promise<T> {
  await db
    .insertInto('settings')
    .values({ key, value: JSON.stringify(value), updatedAt: Date.now() })
    .onConflict((oc) => oc.column('key').doNothing())
    .execute();
  return (await findSetting<T>(db, key)) as T;
}

export async function deleteSetting(db: Db, key: string): Promise<void> {
  await db.deleteFrom('settings').where('key', '=', key).execute();
}

import type { Insertable, Updateable } from 'kysely';
import type { Db } from '../db.ts';
import type { HookRow, HooksTable } from '../schema.ts';
import type { Page } from './pagination.ts';

export function listHooks(db: Db, page: Page): Promise<HookRow[]> {
  return db.selectFrom('hooks').selectAll().orderBy('createdAt', 'asc').orderBy('id').limit(page.limit).offset(page.offset).execute();
}

export async function countHooks(db: Db): Promise<number> {
  const row = await db
    .selectFrom('hooks')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export function findHookById(db: Db, id: string): Promise<HookRow | undefined> {
  return db.selectFrom('hooks').selectAll().where('id', '=', id).executeTakeFirst();
}

/** The enabled hooks with their subscriptions (a short list: read in each change's transaction). */
export function listEnabledHookEvents(db: Db): Promise<Array<{ id: string; events: string }>> {
  return db.selectFrom('hooks').select(['id', 'events']).where('enabled', '=', 1).execute();
}

export async function insertHook(db: Db, row: Insertable<HooksTable>): Promise<void> {
  await db.insertInto('hooks').values(row).execute();
}

export async function updateHook(db: Db, id: string, patch: Updateable<HooksTable>): Promise<void> {
  if (Object.keys(patch).length === 0) return;
  await db.updateTable('hooks').set(patch).where('id', '=', id).execute();
}

export async function deleteHook(db: Db, id: string): Promise<number> {
  const result = await db.deleteFrom('hooks').where('id', '=', id).executeTakeFirst();
  return Number(result.numDeletedRows);
}

/** A failure marks the hook failing from its first failure on; a success clears the mark. */
export async function markHookFailing(db: Db, id: string, now: number): Promise<void> {
  await db.updateTable('hooks').set({ failingSince: now }).where('id', '=', id).where('failingSince', 'is', null).execute();
}

export async function clearHookFailing(db: Db, id: string): Promise<void> {
  await db.updateTable('hooks').set({ failingSince: null }).where('id', '=', id).where('failingSince', 'is not', null).execute();
}

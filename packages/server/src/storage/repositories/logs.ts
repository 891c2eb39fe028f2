import type { Insertable } from 'kysely';
import type { Db } from '../db.ts';
import type { LogRow, LogsTable } from '../schema.ts';
import type { Page } from './pagination.ts';

export interface LogFilter {
  userId?: string;
  applicationId?: string;
  logKey?: string;
  startTime?: number;
  endTime?: number;
}

export async function insertLog(db: Db, row: Insertable<LogsTable>): Promise<void> {
  await db.insertInto('logs').values(row).execute();
}

function filtered(db: Db, filter: LogFilter) {
  let q = db.selectFrom('logs');
  if (filter.userId !== undefined) q = q.where('userId', '=', filter.userId);
  if (filter.applicationId !== undefined) q = q.where('applicationId', '=', filter.applicationId);
  if (filter.logKey !== undefined) q = q.where('key', '=', filter.logKey);
  if (filter.startTime !== undefined) q = q.where('createdAt', '>=', filter.startTime);
  if (filter.endTime !== undefined) q = q.where('createdAt', '<=', filter.endTime);
  return q;
}

/** Newest first, as Logto's log list. */
export function listLogs(db: Db, page: Page, filter: LogFilter): Promise<LogRow[]> {
  return filtered(db, filter)
    .selectAll()
    .orderBy('createdAt', 'desc')
    .orderBy('id', 'desc')
    .limit(page.limit)
    .offset(page.offset)
    .execute();
}

export async function countLogs(db: Db, filter: LogFilter): Promise<number> {
  const row = await filtered(db, filter)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export function findLogById(db: Db, id: string): Promise<LogRow | undefined> {
  return db.selectFrom('logs').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function deleteLogsBefore(db: Db, before: number): Promise<number> {
  const result = await db.deleteFrom('logs').where('createdAt', '<', before).executeTakeFirst();
  return Number(result.numDeletedRows);
}

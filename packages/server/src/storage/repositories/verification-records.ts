import type { Insertable, Selectable } from 'kysely';
import type { Db } from '../db.ts';
import type { VerificationRecordsTable } from '../schema-accounts.ts';

export type VerificationRecordRow = Selectable<VerificationRecordsTable>;

export async function insertVerificationRecord(db: Db, row: Insertable<VerificationRecordsTable>): Promise<void> {
  await db.insertInto('verificationRecords').values(row).execute();
}

/** The record if it exists and has not expired at `now`. */
export function findActiveVerificationRecord(db: Db, id: string, now: number): Promise<VerificationRecordRow | undefined> {
  return db.selectFrom('verificationRecords').selectAll().where('id', '=', id).where('expiresAt', '>', now).executeTakeFirst();
}

export async function markVerificationRecordVerified(db: Db, id: string, at: number, payload?: string | null): Promise<void> {
  await db
    .updateTable('verificationRecords')
    .set({ verifiedAt: at, ...(payload === undefined ? {} : { payload }) })
    .where('id', '=', id)
    .execute();
}

/** Replaces a record's payload while it is still unverified; true when this call did (a pending request is spent once). */
export async function spendVerificationRecordPayload(db: Db, id: string, payload: string): Promise<boolean> {
  const result = await db
    .updateTable('verificationRecords')
    .set({ payload: null })
    .where('id', '=', id)
    .where('payload', '=', payload)
    .where('verifiedAt', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/** Deletes one record; true when this call deleted it (so a record is used once however many race for it). */
export async function deleteVerificationRecord(db: Db, id: string): Promise<boolean> {
  const result = await db.deleteFrom('verificationRecords').where('id', '=', id).executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

export async function deleteVerificationRecordsExpiredBefore(db: Db, before: number): Promise<void> {
  await db.deleteFrom('verificationRecords').where('expiresAt', '<', before).execute();
}

import { sql } from 'kysely';
import type { Db } from '../db.ts';
import type { VerificationCodesTable } from '../schema-accounts.ts';

export type VerificationCodeRow = VerificationCodesTable;

export async function insertVerificationCode(db: Db, row: VerificationCodeRow): Promise<void> {
  await db.insertInto('verificationCodes').values(row).execute();
}

export async function findVerificationCode(db: Db, id: string): Promise<VerificationCodeRow | undefined> {
  const row = await db.selectFrom('verificationCodes').selectAll().where('id', '=', id).executeTakeFirst();
  return (
    row && {
      ...row,
      attempts: Number(row.attempts),
      expiresAt: Number(row.expiresAt),
      createdAt: Number(row.createdAt),
      consumedAt: row.consumedAt === null ? null : Number(row.consumedAt),
    }
  );
}

/**
 * Counts one attempt at a live code in a single conditional UPDATE, so concurrent guesses each
 * use up one of the `maxAttempts`: there is no read-then-write window to race through.
 * Returns the code's hash and salt, or undefined when the code is used, expired or spent.
 */
export async function reserveVerificationAttempt(
  db: Db,
  input: { id: string; now: number; maxAttempts: number },
): Promise<Pick<VerificationCodeRow, 'codeHash' | 'salt' | 'addressHash'> | undefined> {
  return db
    .updateTable('verificationCodes')
    .set({ attempts: sql<number>`${sql.ref('attempts')} + 1` })
    .where('id', '=', input.id)
    .where('consumedAt', 'is', null)
    .where('expiresAt', '>', input.now)
    .where('attempts', '<', input.maxAttempts)
    .returning(['codeHash', 'salt', 'addressHash'])
    .executeTakeFirst();
}

/** Marks the code used; true for exactly one caller however many race (single use). */
export async function consumeVerificationCode(db: Db, id: string, now: number): Promise<boolean> {
  const result = await db
    .updateTable('verificationCodes')
    .set({ consumedAt: now })
    .where('id', '=', id)
    .where('consumedAt', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function deleteVerificationCodesExpiredBefore(db: Db, before: number): Promise<void> {
  await db.deleteFrom('verificationCodes').where('expiresAt', '<', before).execute();
}

/** The newest code sent to an address for a usage (Logto's management API verifies by recipient). */
export async function findLatestVerificationCodeId(db: Db, addressHash: string, usage: string): Promise<string | undefined> {
  const row = await db
    .selectFrom('verificationCodes')
    .select('id')
    .where('addressHash', '=', addressHash)
    .where('usage', '=', usage)
    .orderBy('createdAt', 'desc')
    .orderBy('id')
    .executeTakeFirst();
  return row?.id;
}

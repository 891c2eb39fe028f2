import type { Insertable, Selectable } from 'kysely';
import type { Db } from '../db.ts';
import type { MfaVerificationsTable } from '../schema-mfa.ts';

export type MfaVerificationRow = Selectable<MfaVerificationsTable>;

/** The backup-code column: scrypt hashes under one salt, each code with its time of use. */
export interface BackupCodeSet {
  salt: string;
  codes: Array<{ hash: string; usedAt?: number }>;
}

export function parseBackupCodes(column: string | null): BackupCodeSet {
  const value = JSON.parse(column ?? '{}') as Partial<BackupCodeSet>;
  return { salt: typeof value.salt === 'string' ? value.salt : '', codes: Array.isArray(value.codes) ? value.codes : [] };
}

export const backupCodesColumn = (set: BackupCodeSet) => JSON.stringify(set);

export function parseTransports(column: string | null): string[] {
  const value: unknown = JSON.parse(column ?? '[]');
  return Array.isArray(value) ? value.filter((t): t is string => typeof t === 'string') : [];
}

export function listMfaVerificationsOfUser(db: Db, userId: string): Promise<MfaVerificationRow[]> {
  return db.selectFrom('mfaVerifications').selectAll().where('userId', '=', userId).orderBy('createdAt').orderBy('id').execute();
}

/** The distinct factor types a user has bound (Logto's mfaVerificationFactors). */
export async function listMfaFactorTypesOfUser(db: Db, userId: string): Promise<string[]> {
  const rows = await db.selectFrom('mfaVerifications').select('type').distinct().where('userId', '=', userId).orderBy('type').execute();
  return rows.map((r) => r.type);
}

export function findMfaVerificationByCredentialId(db: Db, credentialId: string): Promise<MfaVerificationRow | undefined> {
  return db
    .selectFrom('mfaVerifications')
    .selectAll()
    .where('credentialId', '=', credentialId)
    .where('type', '=', 'WebAuthn')
    .executeTakeFirst();
}

export async function insertMfaVerification(db: Db, row: Insertable<MfaVerificationsTable>): Promise<void> {
  await db.insertInto('mfaVerifications').values(row).execute();
}

/** Deletes one of the user's verifications; false when the user has none with that id. */
export async function deleteMfaVerification(db: Db, userId: string, id: string): Promise<boolean> {
  const result = await db.deleteFrom('mfaVerifications').where('id', '=', id).where('userId', '=', userId).executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

export async function deleteMfaVerificationsOfType(db: Db, userId: string, type: string): Promise<void> {
  await db.deleteFrom('mfaVerifications').where('userId', '=', userId).where('type', '=', type).execute();
}

/**
 * Moves the TOTP's last used step forward only if it is still behind `step` (compare-and-set):
 * of two requests with the same code, exactly one wins. True when this call won.
 */
export async function advanceTotpStep(db: Db, id: string, step: number, at: number): Promise<boolean> {
  const result = await db
    .updateTable('mfaVerifications')
    .set({ totpLastUsedStep: step, lastUsedAt: at })
    .where('id', '=', id)
    .where((eb) => eb.or([eb('totpLastUsedStep', 'is', null), eb('totpLastUsedStep', '<', step)]))
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/** Replaces the backup-code column only if it still holds `expected` (compare-and-set): a code is used once. */
export async function swapBackupCodes(db: Db, id: string, expected: string, next: string, at: number): Promise<boolean> {
  const result = await db
    .updateTable('mfaVerifications')
    .set({ backupCodes: next, lastUsedAt: at })
    .where('id', '=', id)
    .where('backupCodes', '=', expected)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/** The WebAuthn signature counter after a use (a counter that does not grow means a cloned key; the library refuses it). */
export async function updateWebAuthnCounter(db: Db, id: string, counter: number, at: number): Promise<void> {
  await db.updateTable('mfaVerifications').set({ counter, lastUsedAt: at }).where('id', '=', id).execute();
}

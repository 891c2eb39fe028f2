import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto';
import { promisify } from 'node:util';
import { BACKUP_CODE_COUNT } from '../../domain/accounts/mfa.ts';
import type { BackupCodeSet } from '../../storage/repositories/mfa-verifications.ts';

const scryptAsync = promisify(scrypt) as (password: string, salt: string, keylen: number, options: object) => Promise<Buffer>;

/*
 * Backup codes: 10 codes of 10 hex characters (40 bits each, Logto's format), shown once and
 * stored as scrypt hashes under one salt per set: a guess costs one scrypt whichever code it
 * matches, and a copy of the database does not give the codes away for the price of a SHA-256.
 */
const SCRYPT = { N: 2 ** 14, r: 8, p: 1 };

const hashCode = async (code: string, salt: string) => (await scryptAsync(code.toLowerCase(), salt, 32, SCRYPT)).toString('base64url');

export async function newBackupCodeSet(given?: string[]): Promise<{ codes: string[]; set: BackupCodeSet }> {
  const codes = given?.map((c) => c.toLowerCase()) ?? Array.from({ length: BACKUP_CODE_COUNT }, () => randomBytes(5).toString('hex'));
  const salt = randomBytes(16).toString('base64url');
  const hashes = await Promise.all(codes.map((code) => hashCode(code, salt)));
  return { codes, set: { salt, codes: hashes.map((hash) => ({ hash })) } };
}

/** The index of the unused code `code` is, or undefined. */
export async function findUnusedBackupCode(set: BackupCodeSet, code: string): Promise<number | undefined> {
  const normalized = code.trim().toLowerCase();
  if (!/^[\da-f]{10}$/.test(normalized) || set.salt === '') return undefined;
  const hash = Buffer.from(await hashCode(normalized, set.salt));
  const index = set.codes.findIndex(
    (c) => c.usedAt === undefined && c.hash.length === hash.length && timingSafeEqual(Buffer.from(c.hash), hash),
  );
  return index === -1 ? undefined : index;
}

export const remainingBackupCodes = (set: BackupCodeSet) => set.codes.filter((c) => c.usedAt === undefined).length;

import { BACKUP_CODE_COUNT, isValidTotpSecret } from '../../domain/accounts/mfa.ts';
import { MfaError, NotFoundError } from '../../domain/errors.ts';
import { SYSTEM, type RequestFacts } from '../../domain/request-facts.ts';
import { findUserById } from '../../storage/repositories/users.ts';
import {
  bindBackupCodes,
  bindTotp,
  checkNewTotpCode,
  deleteUserMfaVerification,
  listUserMfaVerifications,
  newTotpEnrollment,
  type MfaVerificationDto,
} from '../mfa/index.ts';
import { getAccountCenter, requireEditable, requireReadable } from './account-center.ts';
import type { AccountCaller, AccountDeps } from './deps.ts';
import { requireIdentityVerified } from './verifications.ts';

/*
 * Logto's self-service second factors (/api/my-account/mfa-verifications). Invariants:
 * 1. Listing needs the account center's `mfa` field readable; every change needs it editable
 *    and a fresh verification of the user (logto-verification-id), as a password change does.
 * 2. A TOTP secret is bound only with a code computed from it: the user's app has it. Its
 *    step is spent at once (the code cannot be replayed at the next sign-in).
 * 3. Nothing generated is stored before the POST that binds it (an abandoned setup leaves nothing).
 */

async function requireMfaAccess(deps: AccountDeps, caller: AccountCaller, access: 'read' | 'edit'): Promise<void> {
  const center = await getAccountCenter(deps);
  if (access === 'read') {
    requireReadable(center, 'mfa');
    return;
  }
  requireEditable(center, 'mfa');
  await requireIdentityVerified(deps, caller.userId, caller.verificationId);
}

export async function listMyMfaVerifications(deps: AccountDeps, caller: AccountCaller): Promise<MfaVerificationDto[]> {
  await requireMfaAccess(deps, caller, 'read');
  return listUserMfaVerifications(deps, caller.userId);
}

/** Logto's POST /my-account/mfa-verifications/totp-secret/generate: a new secret and its QR code (nothing stored). */
export async function generateMyTotpSecret(deps: AccountDeps, caller: AccountCaller): Promise<{ secret: string; secretQrCode: string }> {
  await requireMfaAccess(deps, caller, 'edit');
  const user = await findUserById(deps.db, caller.userId);
  if (!user) throw new NotFoundError('The user no longer exists.');
  const { secret, secretQrCode } = await newTotpEnrollment(deps, user);
  return { secret, secretQrCode };
}

/** Logto's POST /my-account/mfa-verifications/backup-codes/generate: 10 codes to show once (nothing stored). */
export async function generateMyBackupCodes(deps: AccountDeps, caller: AccountCaller): Promise<{ codes: string[] }> {
  await requireMfaAccess(deps, caller, 'edit');
  const codes = Array.from({ length: BACKUP_CODE_COUNT }, () => Buffer.from(crypto.getRandomValues(new Uint8Array(5))).toString('hex'));
  return { codes };
}

/** Logto's POST /my-account/mfa-verifications: binds a TOTP secret (proven by a code) or a backup-code set. */
export async function addMyMfaVerification(
  deps: AccountDeps,
  caller: AccountCaller,
  body: { type: 'Totp'; secret: string; code: string } | { type: 'BackupCode'; codes: string[] },
  facts: RequestFacts = SYSTEM,
): Promise<{ id: string }> {
  await requireMfaAccess(deps, caller, 'edit');
  if (body.type === 'BackupCode') return { id: (await bindBackupCodes(deps, caller.userId, body.codes, { facts })).id };
  if (!isValidTotpSecret(body.secret)) {
    throw new MfaError('user.totp_secret_invalid', 'A TOTP secret is 16 to 32 base32 characters (A-Z, 2-7).');
  }
  const step = checkNewTotpCode(body.secret, body.code);
  return { id: await bindTotp(deps, caller.userId, body.secret, { lastUsedStep: step, facts }) };
}

export async function deleteMyMfaVerification(
  deps: AccountDeps,
  caller: AccountCaller,
  verificationId: string,
  facts: RequestFacts = SYSTEM,
): Promise<void> {
  await requireMfaAccess(deps, caller, 'edit');
  await deleteUserMfaVerification(deps, caller.userId, verificationId, facts);
}

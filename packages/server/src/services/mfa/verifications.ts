import type { AuthenticationResponseJSON, PublicKeyCredentialRequestOptionsJSON } from '@simplewebauthn/server';
import { BACKUP_CODE_COUNT, BACKUP_CODE_PATTERN, isValidTotpSecret, type MfaFactor } from '../../domain/accounts/mfa.ts';
import { MfaError, NotFoundError, RateLimitedError } from '../../domain/errors.ts';
import { SYSTEM, type RequestFacts } from '../../domain/request-facts.ts';
import type { Db } from '../../storage/db.ts';
import { newId } from '../../storage/ids.ts';
import * as repo from '../../storage/repositories/mfa-verifications.ts';
import { findUserById } from '../../storage/repositories/users.ts';
import type { UserRow } from '../../storage/schema.ts';
import { inTransaction } from '../../storage/transaction.ts';
import { recordEvent } from '../events/record-event.ts';
import { toUserDto } from '../mappers.ts';
import { reserveSignInAttempt, retryAfterWords, settleSuccessfulSignIn, type LockoutDeps } from '../sign-in-lockout.ts';
import { findUnusedBackupCode, newBackupCodeSet, remainingBackupCodes } from './backup-codes.ts';
import { matchTotpStep, newTotpSecret, totpKeyUri, totpQrCode } from './totp.ts';
import { authenticationOptions, relyingPartyOf, verifyAuthentication, type NewWebAuthnCredential } from './web-authn.ts';

/*
 * A user's second factors (Logto's mfaVerifications). Invariants:
 * 1. A TOTP secret and backup codes are returned only by the call that creates them; lists
 *    show type, dates and (for backup codes) how many remain.
 * 2. A TOTP code is accepted once: the matched time step is stored with a compare-and-set, so a
 *    replay (or a race of two requests with the same code) and any older code are refused.
 * 3. A backup code is used once (compare-and-set on the code set).
 * 4. Every check of a code counts against the sign-in lockout of the account and the client
 *    address before it is made (services/sign-in-lockout.ts); a success settles it as a sign-in does.
 * 5. A bind or removal is one transaction with its User.Data.Updated event (field
 *    `mfaVerifications`: the action, type and id, never a secret or code), and is announced on
 *    the 'mfa' topic afterwards, so every process's factor cache (the organization MFA rule) drops it.
 */

export interface MfaVerificationDto {
  id: string;
  createdAt: string;
  lastUsedAt?: string;
  type: MfaFactor;
  agent?: string;
  name?: string;
  remainCodes?: number;
}

export interface CodeAttempt {
  ip: string;
  facts?: RequestFacts;
}

const iso = (ms: number | null) => (ms === null ? undefined : new Date(Number(ms)).toISOString());

function toDto(row: repo.MfaVerificationRow): MfaVerificationDto {
  const base = { id: row.id, createdAt: new Date(Number(row.createdAt)).toISOString(), type: row.type as MfaFactor };
  if (row.type === 'BackupCode') return { ...base, remainCodes: remainingBackupCodes(repo.parseBackupCodes(row.backupCodes)) };
  if (row.type === 'WebAuthn')
    return { ...base, lastUsedAt: iso(row.lastUsedAt), agent: row.agent ?? undefined, name: row.name ?? undefined };
  return base;
}

async function requireUser(deps: LockoutDeps, userId: string): Promise<UserRow> {
  const user = await findUserById(deps.db, userId);
  if (!user) throw new NotFoundError(`User ${userId} not found.`);
  return user;
}

export async function listUserMfaVerifications(deps: LockoutDeps, userId: string): Promise<MfaVerificationDto[]> {
  await requireUser(deps, userId);
  return (await repo.listMfaVerificationsOfUser(deps.db, userId)).map(toDto);
}

/** The factors a user can verify with now (a spent backup-code set does not count). */
export async function userMfaFactors(deps: LockoutDeps, userId: string): Promise<MfaFactor[]> {
  const rows = await repo.listMfaVerificationsOfUser(deps.db, userId);
  const usable = rows.filter((r) => r.type !== 'BackupCode' || remainingBackupCodes(repo.parseBackupCodes(r.backupCodes)) > 0);
  return [...new Set(usable.map((r) => r.type as MfaFactor))];
}

const displayName = (user: UserRow) => user.username ?? user.primaryEmail ?? user.name ?? user.primaryPhone ?? 'Unnamed User';

/** A new TOTP secret with its otpauth:// URI and QR code, for enrollment (nothing is stored). */
export async function newTotpEnrollment(
  deps: LockoutDeps,
  user: UserRow,
): Promise<{ secret: string; secretQrCode: string; keyUri: string }> {
  const secret = newTotpSecret();
  const keyUri = totpKeyUri(secret, displayName(user), new URL(deps.config.endpoint).hostname);
  return { secret, secretQrCode: await totpQrCode(keyUri), keyUri };
}

async function assertNoTotp(deps: LockoutDeps, userId: string): Promise<void> {
  const rows = await repo.listMfaVerificationsOfUser(deps.db, userId);
  if (rows.some((r) => r.type === 'Totp'))
    throw new MfaError('user.totp_already_in_use', 'The user already has an authenticator app (TOTP).');
}

/** `lastUsedStep`: the step of the code that proved the enrollment, which is spent like any other. */
export async function bindTotp(
  deps: LockoutDeps,
  userId: string,
  secret: string,
  opts: { lastUsedStep?: number; facts?: RequestFacts } = {},
): Promise<string> {
  await assertNoTotp(deps, userId);
  const id = newId();
  const now = Date.now();
  await inTransaction(deps.db, async (trx) => {
    await repo.insertMfaVerification(trx, {
      id,
      userId,
      type: 'Totp',
      totpSecret: secret,
      totpLastUsedStep: opts.lastUsedStep ?? null,
      createdAt: now,
    });
    await recordMfaChange(trx, userId, { action: 'added', type: 'Totp', id }, opts.facts);
  });
  await announce(deps, userId, 'Totp');
  return id;
}

/** Logto: one unused backup-code set at a time, and never as the only factor. */
async function assertBackupCodesBindable(deps: LockoutDeps, userId: string, pendingOtherFactor = false): Promise<void> {
  const rows = await repo.listMfaVerificationsOfUser(deps.db, userId);
  const liveSet = rows.find((r) => r.type === 'BackupCode' && remainingBackupCodes(repo.parseBackupCodes(r.backupCodes)) > 0);
  if (liveSet) throw new MfaError('user.backup_code_already_in_use', 'The user still has unused backup codes.');
  if (!pendingOtherFactor && !rows.some((r) => r.type !== 'BackupCode')) {
    throw new MfaError('session.mfa.backup_code_can_not_be_alone', 'Backup codes need another factor to back up.');
  }
}

export async function bindBackupCodes(
  deps: LockoutDeps,
  userId: string,
  given?: string[],
  opts: { pendingOtherFactor?: boolean; facts?: RequestFacts } = {},
): Promise<{ id: string; codes: string[] }> {
  await assertBackupCodesBindable(deps, userId, opts.pendingOtherFactor);
  if (given && (given.length !== BACKUP_CODE_COUNT || !given.every((c) => BACKUP_CODE_PATTERN.test(c.toLowerCase())))) {
    throw new MfaError('user.wrong_backup_code_format', `Backup codes are ${BACKUP_CODE_COUNT} codes of 10 hex characters.`);
  }
  const { codes, set } = await newBackupCodeSet(given);
  const id = newId();
  await inTransaction(deps.db, async (trx) => {
    // A spent set is replaced by the new one.
    await repo.deleteMfaVerificationsOfType(trx, userId, 'BackupCode');
    await repo.insertMfaVerification(trx, {
      id,
      userId,
      type: 'BackupCode',
      backupCodes: repo.backupCodesColumn(set),
      createdAt: Date.now(),
    });
    await recordMfaChange(trx, userId, { action: 'added', type: 'BackupCode', id }, opts.facts);
  });
  await announce(deps, userId, 'BackupCode');
  return { id, codes };
}

export async function bindWebAuthn(
  deps: LockoutDeps,
  userId: string,
  credential: NewWebAuthnCredential,
  meta: { agent?: string; name?: string; facts?: RequestFacts },
): Promise<string> {
  const id = newId();
  await inTransaction(deps.db, async (trx) => {
    await repo.insertMfaVerification(trx, {
      id,
      userId,
      type: 'WebAuthn',
      credentialId: credential.credentialId,
      publicKey: credential.publicKey,
      counter: credential.counter,
      transports: JSON.stringify(credential.transports),
      aaguid: credential.aaguid,
      rpId: credential.rpId,
      agent: meta.agent?.slice(0, 512) ?? null,
      name: meta.name?.slice(0, 256) ?? null,
      createdAt: Date.now(),
    });
    await recordMfaChange(trx, userId, { action: 'added', type: 'WebAuthn', id }, meta.facts);
  });
  await announce(deps, userId, 'WebAuthn');
  return id;
}

/** Invariant 5: the audit entry and hook event of a factor change, in the change's transaction. */
async function recordMfaChange(
  trx: Db,
  userId: string,
  change: { action: 'added' | 'removed'; type: string; id: string },
  facts: RequestFacts = SYSTEM,
): Promise<void> {
  const user = await findUserById(trx, userId);
  if (!user) throw new NotFoundError(`User ${userId} not found.`);
  await recordEvent(trx, {
    key: 'User.Data.Updated',
    facts,
    data: toUserDto(user),
    userId,
    details: { userId, changes: { mfaVerifications: change } },
  });
}

async function announce(deps: LockoutDeps, userId: string, type: MfaFactor): Promise<void> {
  await deps.changes.publish('mfa');
  deps.logger.info({ event: 'mfa.bound', userId, type }, 'MFA factor bound');
}

/** Logto's admin POST /users/:userId/mfa-verifications: returns the secret or the codes, once. */
export async function createUserMfaVerification(
  deps: LockoutDeps,
  userId: string,
  body: { type: 'Totp'; secret?: string } | { type: 'BackupCode'; codes?: string[] },
  facts: RequestFacts = SYSTEM,
): Promise<{ type: 'Totp'; secret: string; secretQrCode: string; keyUri: string } | { type: 'BackupCode'; codes: string[] }> {
  const user = await requireUser(deps, userId);
  if (body.type === 'BackupCode') {
    const { codes } = await bindBackupCodes(deps, userId, body.codes, { facts });
    return { type: 'BackupCode', codes };
  }
  await assertNoTotp(deps, userId);
  if (body.secret !== undefined && !isValidTotpSecret(body.secret)) {
    throw new MfaError('user.totp_secret_invalid', 'A TOTP secret is 16 to 32 base32 characters (A-Z, 2-7).');
  }
  const enrollment = await newTotpEnrollment(deps, user);
  const secret = body.secret ?? enrollment.secret;
  const keyUri = body.secret ? totpKeyUri(secret, displayName(user), new URL(deps.config.endpoint).hostname) : enrollment.keyUri;
  await bindTotp(deps, userId, secret, { facts });
  return { type: 'Totp', secret, secretQrCode: body.secret ? await totpQrCode(keyUri) : enrollment.secretQrCode, keyUri };
}

/** Removal is the recovery when a device is lost. */
export async function deleteUserMfaVerification(
  deps: LockoutDeps,
  userId: string,
  verificationId: string,
  facts: RequestFacts = SYSTEM,
): Promise<void> {
  await requireUser(deps, userId);
  await inTransaction(deps.db, async (trx) => {
    const row = (await repo.listMfaVerificationsOfUser(trx, userId)).find((r) => r.id === verificationId);
    if (!row || !(await repo.deleteMfaVerification(trx, userId, verificationId))) {
      throw new NotFoundError(`MFA verification ${verificationId} not found for user ${userId}.`);
    }
    await recordMfaChange(trx, userId, { action: 'removed', type: row.type, id: verificationId }, facts);
  });
  await deps.changes.publish('mfa');
  deps.logger.info({ event: 'mfa.removed', userId }, 'MFA factor removed');
}

/** Runs one code check under the sign-in lockout (invariant 4): refused when locked, counted when it fails. */
async function underLockout(deps: LockoutDeps, user: UserRow, attempt: CodeAttempt, check: () => Promise<boolean>, refusal: MfaError) {
  const reservation = await reserveSignInAttempt(
    deps,
    user.username ?? user.primaryEmail ?? user.id,
    attempt.ip,
    Date.now(),
    attempt.facts,
  );
  if (reservation.retryAfterSeconds !== undefined) {
    throw new RateLimitedError(
      `Too many failed attempts. Try again ${retryAfterWords(reservation.retryAfterSeconds)}.`,
      reservation.retryAfterSeconds,
    );
  }
  if (!(await check())) {
    deps.logger.info({ event: 'mfa.failed', userId: user.id, code: refusal.code }, 'second factor refused');
    throw refusal;
  }
  await settleSuccessfulSignIn(deps, user.id, reservation);
}

/** Checks a code of the user's authenticator app; a code is accepted once (invariant 2). */
export async function verifyUserTotp(deps: LockoutDeps, userId: string, code: string, attempt: CodeAttempt): Promise<void> {
  const user = await requireUser(deps, userId);
  const row = (await repo.listMfaVerificationsOfUser(deps.db, userId)).find((r) => r.type === 'Totp');
  if (!row?.totpSecret) throw new MfaError('session.mfa.mfa_factor_not_enabled', 'The user has no authenticator app.');
  const secret = row.totpSecret;
  await underLockout(
    deps,
    user,
    attempt,
    async () => {
      const step = matchTotpStep(secret, code.trim());
      return step !== undefined && (await repo.advanceTotpStep(deps.db, row.id, step, Date.now()));
    },
    new MfaError('session.mfa.invalid_totp_code', 'The code is wrong or was already used.'),
  );
}

/** A new TOTP secret under enrollment: the first code proves the app has it (not stored yet, so no replay state). */
export function checkNewTotpCode(secret: string, code: string): number {
  const step = matchTotpStep(secret, code.trim());
  if (step === undefined) throw new MfaError('session.mfa.invalid_totp_code', 'The code is wrong.');
  return step;
}

export async function verifyUserBackupCode(deps: LockoutDeps, userId: string, code: string, attempt: CodeAttempt): Promise<void> {
  const user = await requireUser(deps, userId);
  const row = (await repo.listMfaVerificationsOfUser(deps.db, userId)).find((r) => r.type === 'BackupCode');
  if (!row?.backupCodes) throw new MfaError('session.mfa.mfa_factor_not_enabled', 'The user has no backup codes.');
  const column = row.backupCodes;
  await underLockout(
    deps,
    user,
    attempt,
    async () => {
      const set = repo.parseBackupCodes(column);
      const index = await findUnusedBackupCode(set, code);
      if (index === undefined) return false;
      const now = Date.now();
      const next = { ...set, codes: set.codes.map((c, i) => (i === index ? { ...c, usedAt: now } : c)) };
      return repo.swapBackupCodes(deps.db, row.id, column, repo.backupCodesColumn(next), now);
    },
    new MfaError('session.mfa.invalid_backup_code', 'The backup code is wrong or was already used.'),
  );
}

/** Options for a WebAuthn assertion: the user's credentials, or (no user) any discoverable credential. */
export async function webAuthnAuthenticationOptions(
  deps: LockoutDeps,
  userId: string | undefined,
): Promise<PublicKeyCredentialRequestOptionsJSON> {
  const rows = userId ? (await repo.listMfaVerificationsOfUser(deps.db, userId)).filter((r) => r.type === 'WebAuthn') : undefined;
  if (rows?.length === 0) throw new MfaError('session.mfa.mfa_factor_not_enabled', 'The user has no passkey or security key.');
  return authenticationOptions(relyingPartyOf(deps.config.endpoint), rows);
}

/**
 * Checks an assertion. With `userId` (a second factor) the credential must be that user's; without
 * (passkey sign-in) the credential names the user, and user verification is required.
 */
export async function verifyWebAuthnAssertion(
  deps: LockoutDeps,
  input: { userId?: string; challenge: string; response: AuthenticationResponseJSON },
): Promise<{ userId: string; userVerified: boolean }> {
  const row = await repo.findMfaVerificationByCredentialId(deps.db, input.response.id);
  if (!row || (input.userId !== undefined && row.userId !== input.userId)) {
    throw new MfaError('session.mfa.webauthn_verification_failed', 'This passkey is not registered for this account.');
  }
  const out = await verifyAuthentication(
    relyingPartyOf(deps.config.endpoint),
    input.challenge,
    input.response,
    row,
    input.userId === undefined,
  );
  await repo.updateWebAuthnCounter(deps.db, row.id, out.newCounter, Date.now());
  return { userId: row.userId, userVerified: out.userVerified };
}

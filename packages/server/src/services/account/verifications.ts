import type { TemplateType } from '../../domain/accounts/email-templates.ts';
import {
  NotFoundError,
  RateLimitedError,
  UnprocessableError,
  VerificationRecordError,
  VerificationRequiredError,
} from '../../domain/errors.ts';
import type { RequestFacts } from '../../domain/request-facts.ts';
import { newId } from '../../storage/ids.ts';
import { findUserById } from '../../storage/repositories/users.ts';
import * as records from '../../storage/repositories/verification-records.ts';
import type { UserRow } from '../../storage/schema.ts';
import { verifyPassword } from '../passwords.ts';
import { reserveSignInAttempt, retryAfterWords, settleSuccessfulSignIn } from '../sign-in-lockout.ts';
import type { AccountDeps } from './deps.ts';

/*
 * Logto's verification records of the Account API. Invariants:
 * 1. A record is bound to the user whose token created it and lives 10 minutes (Logto's
 *    expirationTime); a token of another user can never use it.
 * 2. A record proves the user (the `logto-verification-id` header) only when verified and of a
 *    kind that proves the user: a password, or a code sent to the user's own email
 *    (UserPermissionValidation). A code sent to a new address proves only that address.
 * 3. A record proving a new address is used once: taking it deletes it.
 * 4. Password checks count against the sign-in lockout of the account and the client address,
 *    like a sign-in: a stolen access token does not open a way to guess the password.
 */
const RECORD_TTL_MS = 10 * 60_000;

export const normalizeEmail = (email: string) => email.trim().toLowerCase();

async function requireUser(deps: AccountDeps, userId: string): Promise<UserRow> {
  const user = await findUserById(deps.db, userId);
  if (!user) throw new NotFoundError(`User ${userId} does not exist.`);
  return user;
}

interface CreatedRecord {
  verificationRecordId: string;
  expiresAt: string;
}

/** Logto's POST /api/verifications/password: a verified record when the password is the user's. */
export async function createPasswordVerification(
  deps: AccountDeps,
  input: { userId: string; password: string; ip: string; facts?: RequestFacts },
): Promise<CreatedRecord> {
  const user = await requireUser(deps, input.userId);
  const now = Date.now();
  const identifier = user.username ?? user.primaryEmail ?? user.id;
  const reservation = await reserveSignInAttempt(deps, identifier, input.ip, now, input.facts);
  if (reservation.retryAfterSeconds !== undefined) {
    throw new RateLimitedError(
      `Too many wrong passwords. Try again ${retryAfterWords(reservation.retryAfterSeconds)}.`,
      reservation.retryAfterSeconds,
    );
  }
  if (!(await verifyPassword(user.passwordHash, input.password))) {
    deps.logger.info({ event: 'verification.password_failed', userId: user.id }, 'password verification failed');
    throw new UnprocessableError('The password is incorrect.');
  }
  await settleSuccessfulSignIn(deps, user.id, reservation);
  const row = {
    id: newId(),
    userId: user.id,
    type: 'Password',
    templateType: null,
    email: null,
    codeId: null,
    verifiedAt: now,
    expiresAt: now + RECORD_TTL_MS,
    createdAt: now,
  };
  await records.insertVerificationRecord(deps.db, row);
  await records.deleteVerificationRecordsExpiredBefore(deps.db, now);
  return { verificationRecordId: row.id, expiresAt: new Date(row.expiresAt).toISOString() };
}

/**
 * Logto's POST /api/verifications/verification-code: sends a code to `email`. To the user's own
 * address it proves the user (UserPermissionValidation); to any other it proves that address
 * (BindNewIdentifier), for a change of primary email.
 */
export async function createEmailCodeVerification(
  deps: AccountDeps,
  input: { userId: string; email: string; ip: string; locale?: string },
): Promise<CreatedRecord> {
  const user = await requireUser(deps, input.userId);
  const email = normalizeEmail(input.email);
  const templateType: TemplateType = email === user.primaryEmail ? 'UserPermissionValidation' : 'BindNewIdentifier';
  const sent = await deps.verificationCodes.send({ to: email, usage: templateType, locale: input.locale, ip: input.ip });
  const now = Date.now();
  const row = {
    id: newId(),
    userId: user.id,
    type: 'EmailVerificationCode',
    templateType,
    email,
    codeId: sent.verificationId,
    verifiedAt: null,
    expiresAt: Math.min(now + RECORD_TTL_MS, sent.expiresAt),
    createdAt: now,
  };
  await records.insertVerificationRecord(deps.db, row);
  return { verificationRecordId: row.id, expiresAt: new Date(row.expiresAt).toISOString() };
}

/** Logto's POST /api/verifications/verification-code/verify: the code marks the record verified. */
export async function verifyEmailCodeVerification(
  deps: AccountDeps,
  input: { userId: string; verificationId: string; email: string; code: string },
): Promise<{ verificationRecordId: string }> {
  const record = await records.findActiveVerificationRecord(deps.db, input.verificationId, Date.now());
  const email = normalizeEmail(input.email);
  if (!record || record.userId !== input.userId || record.type !== 'EmailVerificationCode' || record.email !== email || !record.codeId) {
    throw new VerificationRecordError();
  }
  // Wrong, expired, reused or too many tries: the code service's 400 verification_code.invalid.
  await deps.verificationCodes.verify({ verificationId: record.codeId, to: email, code: input.code });
  await records.markVerificationRecordVerified(deps.db, record.id, Date.now());
  return { verificationRecordId: record.id };
}

/** Logto's hasSecurityVerificationMethod: a user with no password and no email has nothing to verify with. */
export function hasSecurityVerificationMethod(user: Pick<UserRow, 'passwordHash' | 'primaryEmail'>): boolean {
  return user.passwordHash !== null || user.primaryEmail !== null;
}

/** Throws 401 verification_record.permission_denied unless `verificationId` proves this user now (invariant 2). */
export async function requireIdentityVerified(deps: AccountDeps, userId: string, verificationId: string | undefined): Promise<void> {
  const record = verificationId ? await records.findActiveVerificationRecord(deps.db, verificationId, Date.now()) : undefined;
  const provesUser =
    record !== undefined &&
    record.userId === userId &&
    record.verifiedAt !== null &&
    (record.type === 'Password' || (record.type === 'EmailVerificationCode' && record.templateType === 'UserPermissionValidation'));
  if (!provesUser) throw new VerificationRequiredError();
}

/** Uses up the record proving the user owns `email` (invariant 3); 400 verification_record.not_found otherwise. */
export async function takeNewEmailVerification(deps: AccountDeps, userId: string, recordId: string, email: string): Promise<void> {
  const record = await records.findActiveVerificationRecord(deps.db, recordId, Date.now());
  const matches =
    record !== undefined &&
    record.userId === userId &&
    record.type === 'EmailVerificationCode' &&
    record.verifiedAt !== null &&
    record.email === normalizeEmail(email);
  if (!matches || !(await records.deleteVerificationRecord(deps.db, recordId))) throw new VerificationRecordError();
}

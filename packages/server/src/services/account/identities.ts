import { VerificationRecordError } from '../../domain/errors.ts';
import { newId } from '../../storage/ids.ts';
import * as records from '../../storage/repositories/verification-records.ts';
import { linkIdentityToUser, unlinkIdentity } from '../connectors/identity-sign-in.ts';
import { getAuthorizationUri, verifySocialCallback, type PendingSignIn, type VerifiedCallback } from '../connectors/social-sign-in.ts';
import { getAccountCenter, requireEditable } from './account-center.ts';
import type { AccountCaller, AccountDeps } from './deps.ts';
import { requireIdentityVerified } from './verifications.ts';

/*
 * Logto's social identities of the Account API. Invariants:
 * 1. A Social verification record (POST /api/verifications/social) belongs to the user whose
 *    token created it and keeps the upstream request server-side; /verify spends that request
 *    once, whatever the answer, and keeps the identity the provider vouched for.
 * 2. Linking (POST /my-account/identities) and unlinking need the account center's `social`
 *    field editable and a fresh verification of the user (logto-verification-id); the Social
 *    record is used once.
 */
const RECORD_TTL_MS = 10 * 60_000;

async function requireSocialEditable(deps: AccountDeps, caller: AccountCaller): Promise<void> {
  requireEditable(await getAccountCenter(deps), 'social');
  await requireIdentityVerified(deps, caller.userId, caller.verificationId);
}

/** Logto's POST /api/verifications/social: the provider's authorization URI and a record awaiting its answer. */
export async function createSocialVerification(
  deps: AccountDeps,
  input: { userId: string; connectorId: string; redirectUri: string; state: string },
): Promise<{ verificationRecordId: string; authorizationUri: string; expiresAt: string }> {
  const { url, pending } = await getAuthorizationUri(deps, input);
  const now = Date.now();
  const row = {
    id: newId(),
    userId: input.userId,
    type: 'Social',
    templateType: null,
    email: null,
    codeId: null,
    verifiedAt: null,
    expiresAt: now + RECORD_TTL_MS,
    createdAt: now,
    payload: JSON.stringify(pending),
  };
  await records.insertVerificationRecord(deps.db, row);
  return { verificationRecordId: row.id, authorizationUri: url, expiresAt: new Date(row.expiresAt).toISOString() };
}

/** Logto's POST /api/verifications/social/verify: checks the provider's answer (the callback's query parameters). */
export async function verifySocialVerification(
  deps: AccountDeps,
  input: { userId: string; verificationRecordId: string; connectorData: Record<string, string> },
): Promise<{ verificationRecordId: string }> {
  const record = await records.findActiveVerificationRecord(deps.db, input.verificationRecordId, Date.now());
  if (!record || record.userId !== input.userId || record.type !== 'Social' || record.verifiedAt !== null || !record.payload) {
    throw new VerificationRecordError();
  }
  // Spent before the answer is checked (invariant 1): a refused answer cannot be retried.
  if (!(await records.spendVerificationRecordPayload(deps.db, record.id, record.payload))) throw new VerificationRecordError();
  const pending = JSON.parse(record.payload) as PendingSignIn;
  const verified = await verifySocialCallback(deps, {
    connectorId: pending.connectorId,
    pending,
    callbackParams: new URLSearchParams(input.connectorData),
  });
  // Upstream tokens stay out of the record unless the connector keeps them anyway.
  const kept = { ...verified, tokens: verified.policy.enableTokenStorage ? verified.tokens : {} };
  await records.markVerificationRecordVerified(deps.db, record.id, Date.now(), JSON.stringify(kept));
  return { verificationRecordId: record.id };
}

/** Logto's POST /my-account/identities: links the identity a verified Social record proved. */
export async function linkMyIdentity(deps: AccountDeps, caller: AccountCaller, newIdentifierVerificationRecordId: string): Promise<void> {
  await requireSocialEditable(deps, caller);
  const record = await records.findActiveVerificationRecord(deps.db, newIdentifierVerificationRecordId, Date.now());
  if (!record || record.userId !== caller.userId || record.type !== 'Social' || record.verifiedAt === null || !record.payload) {
    throw new VerificationRecordError();
  }
  if (!(await records.deleteVerificationRecord(deps.db, record.id))) throw new VerificationRecordError();
  const verified = JSON.parse(record.payload) as VerifiedCallback;
  await linkIdentityToUser(deps, caller.userId, verified);
}

/** Logto's DELETE /my-account/identities/:target. */
export async function unlinkMyIdentity(deps: AccountDeps, caller: AccountCaller, target: string): Promise<void> {
  await requireSocialEditable(deps, caller);
  await unlinkIdentity(deps, caller.userId, target);
}

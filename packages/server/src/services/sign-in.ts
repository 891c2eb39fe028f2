import { randomUUID } from 'node:crypto';
import type { ExperienceState, VerificationRecord } from '../domain/accounts/experience.ts';
import { acrOf, amrOf, mfaRequirement, type MfaFactor } from '../domain/accounts/mfa.ts';
import { RateLimitedError, UnauthenticatedError } from '../domain/errors.ts';
import { findUserByIdentifier, findUserById, updateUser } from '../storage/repositories/users.ts';
import { findApplicationById } from '../storage/repositories/applications.ts';
import { inTransaction } from '../storage/transaction.ts';
import type { RequestFacts } from '../domain/request-facts.ts';
import type { ServiceDeps } from './deps.ts';
import { recordAuditLog, recordEvent } from './events/record-event.ts';
import { toUserDto } from './mappers.ts';
import { userMfaFactors } from './mfa/verifications.ts';
import { verifyPassword } from './passwords.ts';
import { reserveSignInAttempt, retryAfterWords, settleSuccessfulSignIn, type LockoutDeps } from './sign-in-lockout.ts';

/** One message for unknown account, wrong password and suspended account: no enumeration. */
const BAD_CREDENTIALS = 'The username/email or password is incorrect.';

interface SignInInput {
  identifier: string;
  password: string;
  ip: string;
  facts?: RequestFacts;
  /** The OIDC interaction: its client and id (Logto's `application` and `sessionId`). */
  interaction?: { applicationId?: string; sessionId?: string };
}

/**
 * Checks an identifier (username or email) and password. Each attempt is first counted
 * against the account (or the unknown identifier) and the address (see sign-in-lockout.ts);
 * past the limit it is refused without looking at the password. Returns the user id on
 * success; the sign-in itself is recorded by recordSignIn (the hosted form does both at once,
 * the Experience API at submit).
 */
export async function verifyPasswordCredentials(deps: LockoutDeps, input: SignInInput): Promise<string> {
  const now = Date.now();
  const identifier = input.identifier.trim();
  const { facts, interaction } = input;
  const reservation = await reserveSignInAttempt(deps, identifier, input.ip, now, facts);
  // The audit entry of a refused attempt names the reason for admins, never the identifier as
  // typed (it may be a password typed into the wrong field).
  const failed = (reason: string, userId?: string) =>
    recordAuditLog(deps.db, {
      key: 'Interaction.SignIn.Submit',
      facts,
      result: 'Error',
      error: reason,
      userId,
      applicationId: interaction?.applicationId,
      interaction: userId ? { userId, sessionId: interaction?.sessionId } : undefined,
    });
  if (reservation.retryAfterSeconds !== undefined) {
    await failed('locked');
    deps.logger.info({ event: 'sign_in.locked' }, 'sign-in refused: too many failed attempts');
    throw new RateLimitedError(
      `Too many failed sign-in attempts. Try again ${retryAfterWords(reservation.retryAfterSeconds)}.`,
      reservation.retryAfterSeconds,
    );
  }
  const user = identifier === '' ? undefined : await findUserByIdentifier(deps.db, identifier);
  const ok = await verifyPassword(user?.passwordHash, input.password);
  if (!user || !ok || user.isSuspended === 1) {
    // The attempt stays counted: it was reserved before the check.
    await failed(!user ? 'unknown_identifier' : !ok ? 'wrong_password' : 'suspended', user?.id);
    deps.logger.info({ event: 'sign_in.failed', userId: user?.id }, 'sign-in failed');
    throw new UnauthenticatedError(BAD_CREDENTIALS);
  }
  await settleSuccessfulSignIn(deps, user.id, reservation);
  return user.id;
}

/** A completed sign-in: the user's last sign-in time and the PostSignIn event (or PostRegister's). */
export async function recordSignIn(
  deps: ServiceDeps,
  userId: string,
  input: Pick<SignInInput, 'facts' | 'interaction'> & { event?: 'SignIn' | 'Register' },
): Promise<void> {
  const { facts, interaction } = input;
  const event = input.event ?? 'SignIn';
  await inTransaction(deps.db, async (trx) => {
    await updateUser(trx, userId, { lastSignInAt: Date.now() });
    const app = interaction?.applicationId ? await findApplicationById(trx, interaction.applicationId) : undefined;
    const signedIn = await findUserById(trx, userId);
    await recordEvent(trx, {
      key: event === 'Register' ? 'PostRegister' : 'PostSignIn',
      auditKey: event === 'Register' ? undefined : 'Interaction.SignIn.Submit',
      facts,
      userId,
      applicationId: interaction?.applicationId,
      interaction: {
        userId,
        user: signedIn ? (toUserDto(signedIn) as unknown as Record<string, unknown>) : undefined,
        sessionId: interaction?.sessionId,
        application: app ? { id: app.id, type: app.type, name: app.name, description: app.description } : undefined,
        interactionEvent: event,
      },
    });
  });
}

/** The outcome of the hosted form: signed in with a password alone, or a second factor is still owed. */
export type PasswordSignIn =
  | { userId: string; login: { amr: string[]; acr: string } }
  | {
      userId: string;
      mfa: { step: 'verify' | 'bind'; userFactors: MfaFactor[]; factors: MfaFactor[] };
      /** What the interaction keeps for the Experience API's MFA steps: the password as a verified record, the user identified. */
      state: ExperienceState;
    };

/**
 * The hosted form's sign-in: checks the credentials; then either records the sign-in (a password
 * alone: amr pwd, single-factor acr) or, when the user has a second factor or the policy
 * requires one, records nothing yet: the sign-in finishes at the Experience API's submit, which
 * enforces the same requirement (services/experience/mfa.ts completeMfa).
 */
export async function signInWithPassword(deps: LockoutDeps, input: SignInInput): Promise<PasswordSignIn> {
  const userId = await verifyPasswordCredentials(deps, input);
  const { mfa } = await deps.signInExperience.get();
  const userFactors = await userMfaFactors(deps, userId);
  const requirement = mfaRequirement(mfa, userFactors);
  if (requirement !== 'none') {
    const identifier = input.identifier.trim();
    const record: VerificationRecord = {
      id: randomUUID().replace(/-/g, ''),
      type: 'Password',
      identifier: { type: identifier.includes('@') ? 'email' : 'username', value: identifier },
      verified: true,
      userId,
    };
    return {
      userId,
      mfa: { step: requirement, userFactors, factors: mfa.factors },
      state: { interactionEvent: 'SignIn', verifications: [record], profile: {}, userId },
    };
  }
  await recordSignIn(deps, userId, input);
  const amr = amrOf(['pwd']);
  return { userId, login: { amr, acr: acrOf(amr) } };
}

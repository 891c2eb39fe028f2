import { RateLimitedError, UnauthenticatedError } from '../domain/errors.ts';
import { findUserByIdentifier, findUserById, updateUser } from '../storage/repositories/users.ts';
import { findApplicationById } from '../storage/repositories/applications.ts';
import { inTransaction } from '../storage/transaction.ts';
import type { RequestFacts } from '../domain/request-facts.ts';
import type { ServiceDeps } from './deps.ts';
import { recordAuditLog, recordEvent } from './events/record-event.ts';
import { toUserDto } from './mappers.ts';
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

/** The hosted form's sign-in: checks the credentials and records the sign-in. */
export async function signInWithPassword(deps: LockoutDeps, input: SignInInput): Promise<string> {
  const userId = await verifyPasswordCredentials(deps, input);
  await recordSignIn(deps, userId, input);
  return userId;
}

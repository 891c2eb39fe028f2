import { RateLimitedError, UnauthenticatedError } from '../domain/errors.ts';
import { findUserByIdentifier, findUserById, updateUser } from '../storage/repositories/users.ts';
import { findApplicationById } from '../storage/repositories/applications.ts';
import { inTransaction } from '../storage/transaction.ts';
import type { RequestFacts } from '../domain/request-facts.ts';
import { recordAuditLog, recordEvent } from './events/record-event.ts';
import { toUserDto } from './mappers.ts';
import { verifyPassword } from './passwords.ts';
import { reserveSignInAttempt, retryAfterWords, settleSuccessfulSignIn, type LockoutDeps } from './sign-in-lockout.ts';

/** One message for unknown account, wrong password and suspended account: no enumeration. */
const BAD_CREDENTIALS = 'The username/email or password is incorrect.';

/**
 * Checks an identifier (username or email) and password. Each attempt is first counted
 * against the account (or the unknown identifier) and the address (see sign-in-lockout.ts);
 * past the limit it is refused without looking at the password. Returns the user id on success.
 */
export async function signInWithPassword(
  deps: LockoutDeps,
  input: {
    identifier: string;
    password: string;
    ip: string;
    facts?: RequestFacts;
    /** The OIDC interaction: its client and id (Logto's `application` and `sessionId`). */
    interaction?: { applicationId?: string; sessionId?: string };
  },
): Promise<string> {
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
  await inTransaction(deps.db, async (trx) => {
    await updateUser(trx, user.id, { lastSignInAt: now });
    const app = interaction?.applicationId ? await findApplicationById(trx, interaction.applicationId) : undefined;
    const signedIn = (await findUserById(trx, user.id)) ?? user;
    await recordEvent(trx, {
      key: 'PostSignIn',
      auditKey: 'Interaction.SignIn.Submit',
      facts,
      userId: user.id,
      applicationId: interaction?.applicationId,
      interaction: {
        userId: user.id,
        user: toUserDto(signedIn) as unknown as Record<string, unknown>,
        sessionId: interaction?.sessionId,
        application: app ? { id: app.id, type: app.type, name: app.name, description: app.description } : undefined,
        interactionEvent: 'SignIn',
      },
    });
  });
  return user.id;
}

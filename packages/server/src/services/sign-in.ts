import { AppError } from '../domain/errors.ts';
import { findUserByIdentifier, updateUser } from '../storage/repositories/users.ts';
import type { ServiceDeps } from './deps.ts';
import { verifyPassword } from './passwords.ts';
import { reserveSignInAttempt, retryAfterWords, settleSuccessfulSignIn } from './sign-in-lockout.ts';

export class SignInError extends AppError {
  /** For a refused (locked) attempt: seconds until it may be tried again. */
  readonly retryAfterSeconds?: number;

  constructor(message: string, code: 'auth.unauthenticated' | 'auth.rate_limited' = 'auth.unauthenticated', retryAfterSeconds?: number) {
    super(code, message);
    this.retryAfterSeconds = retryAfterSeconds;
  }
}

/** One message for unknown account, wrong password and suspended account: no enumeration. */
export const BAD_CREDENTIALS = 'The username/email or password is incorrect.';

/**
 * Checks an identifier (username or email) and password. Each attempt is first counted
 * against the account (or the unknown identifier) and the address (see sign-in-lockout.ts);
 * past the limit it is refused without looking at the password. Returns the user id on success.
 */
export async function signInWithPassword(deps: ServiceDeps, input: { identifier: string; password: string; ip: string }): Promise<string> {
  const now = Date.now();
  const identifier = input.identifier.trim();
  const reservation = await reserveSignInAttempt(deps, identifier, input.ip, now);
  if (reservation.retryAfterSeconds !== undefined) {
    deps.logger.info({ event: 'sign_in.locked' }, 'sign-in refused: too many failed attempts');
    throw new SignInError(
      `Too many failed sign-in attempts. Try again ${retryAfterWords(reservation.retryAfterSeconds)}.`,
      'auth.rate_limited',
      reservation.retryAfterSeconds,
    );
  }
  const user = identifier === '' ? undefined : await findUserByIdentifier(deps.db, identifier);
  const ok = await verifyPassword(user?.passwordHash, input.password);
  if (!user || !ok || user.isSuspended === 1) {
    // The attempt stays counted: it was reserved before the check.
    deps.logger.info({ event: 'sign_in.failed', userId: user?.id }, 'sign-in failed');
    throw new SignInError(BAD_CREDENTIALS);
  }
  await settleSuccessfulSignIn(deps, user.id, reservation);
  await updateUser(deps.db, user.id, { lastSignInAt: now });
  return user.id;
}

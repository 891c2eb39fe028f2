import { AppError } from '../domain/errors.ts';
import * as failures from '../storage/repositories/sign-in-failures.ts';
import { findUserByIdentifier, updateUser } from '../storage/repositories/users.ts';
import type { ServiceDeps } from './deps.ts';
import { verifyPassword } from './passwords.ts';

export class SignInError extends AppError {
  constructor(message: string, code: 'auth.unauthenticated' | 'auth.rate_limited' = 'auth.unauthenticated') {
    super(code, message);
  }
}

/** One message for unknown account, wrong password and suspended account: no enumeration. */
export const BAD_CREDENTIALS = 'The username/email or password is incorrect.';

async function lockedFor(deps: ServiceDeps, key: string, now: number): Promise<number> {
  const row = await failures.findSignInFailure(deps.db, key);
  return row?.lockedUntil && row.lockedUntil > now ? row.lockedUntil - now : 0;
}

async function recordFailure(deps: ServiceDeps, key: string, now: number): Promise<void> {
  const { maxFailures, lockoutSeconds } = deps.config.signIn;
  const window = lockoutSeconds * 1000;
  const row = await failures.findSignInFailure(deps.db, key);
  const fresh = !row || now - row.windowStart > window || (row.lockedUntil !== null && row.lockedUntil <= now);
  const count = fresh ? 1 : row.failures + 1;
  await failures.upsertSignInFailure(deps.db, {
    key,
    failures: count,
    windowStart: fresh ? now : row.windowStart,
    lockedUntil: count >= maxFailures ? now + window : null,
  });
}

/**
 * Checks an identifier (username or email) and password, with lockout: after
 * `maxFailures` failures within the lockout window for that identifier, or from one address
 * (x10, to stop spraying across accounts), sign-in is refused until the window passes.
 * Returns the user id on success.
 */
export async function signInWithPassword(
  deps: ServiceDeps,
  input: { identifier: string; password: string; ip: string },
): Promise<string> {
  const now = Date.now();
  const identifier = input.identifier.trim();
  const accountKey = `id:${identifier.toLowerCase()}`;
  const ipKey = `ip:${input.ip}`;
  const wait = Math.max(await lockedFor(deps, accountKey, now), await lockedFor(deps, ipKey, now));
  if (wait > 0) {
    throw new SignInError(`Too many failed sign-in attempts. Try again in ${Math.ceil(wait / 60_000)} minute(s).`, 'auth.rate_limited');
  }
  const user = identifier === '' ? undefined : await findUserByIdentifier(deps.db, identifier);
  const ok = await verifyPassword(user?.passwordHash, input.password);
  if (!user || !ok || user.isSuspended === 1) {
    await recordFailure(deps, accountKey, now);
    const ipRow = await failures.findSignInFailure(deps.db, ipKey);
    // The address limit is 10x the account limit: shared NATs still work, spraying does not.
    const ipCount = !ipRow || now - ipRow.windowStart > deps.config.signIn.lockoutSeconds * 1000 ? 1 : ipRow.failures + 1;
    await failures.upsertSignInFailure(deps.db, {
      key: ipKey,
      failures: ipCount,
      windowStart: ipCount === 1 ? now : ipRow!.windowStart,
      lockedUntil: ipCount >= deps.config.signIn.maxFailures * 10 ? now + deps.config.signIn.lockoutSeconds * 1000 : null,
    });
    deps.logger.info({ event: 'sign_in.failed', userId: user?.id }, 'sign-in failed');
    throw new SignInError(BAD_CREDENTIALS);
  }
  await failures.deleteSignInFailure(deps.db, accountKey);
  await updateUser(deps.db, user.id, { lastSignInAt: now });
  return user.id;
}

import type { UserLockoutDto } from '@gatehouse/client/dto';
import { NotFoundError } from '../domain/errors.ts';
import { findSignInFailure } from '../storage/repositories/sign-in-failures.ts';
import { findUserById } from '../storage/repositories/users.ts';
import type { ServiceDeps } from './deps.ts';
import { accountLockKey } from './sign-in-lockout.ts';

/**
 * Whether failed sign-ins have locked the account now, for the console's user page (Logto has
 * no read for its sentinel). Only the account's own counter: an address limit is not the
 * account's. A lock whose end has passed is no lock.
 */
export async function getAccountLock(deps: ServiceDeps, userId: string, now: number = Date.now()): Promise<UserLockoutDto> {
  if (!(await findUserById(deps.db, userId))) throw new NotFoundError(`User ${userId} does not exist.`);
  const lockedUntil = (await findSignInFailure(deps.db, accountLockKey(userId)))?.lockedUntil ?? null;
  return lockedUntil !== null && lockedUntil > now ? { locked: true, lockedUntil } : { locked: false, lockedUntil: null };
}

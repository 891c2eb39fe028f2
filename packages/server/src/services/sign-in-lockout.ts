import { createHash } from 'node:crypto';
import * as failures from '../storage/repositories/sign-in-failures.ts';
import { listUserIdsMatchingIdentifier } from '../storage/repositories/users.ts';
import type { ServiceDeps } from './deps.ts';
import type { SignInExperienceStore } from './sign-in-experience/store.ts';
import { inTransaction } from '../storage/transaction.ts';
import type { RequestFacts } from '../domain/request-facts.ts';
import { recordEvent } from './events/record-event.ts';

/*
 * Sign-in lockout. Invariants:
 * 1. An attempt is counted (atomically, in the database) BEFORE its password is checked, so a
 *    burst of concurrent guesses gets at most `maxFailures` evaluations, never one per request.
 * 2. The account counter is keyed by user id, whichever identifier (username, email, any case)
 *    was typed; an identifier naming no account gets its own counter with the same limit, so
 *    "locked" says nothing about whether an account exists.
 * 3. Typed identifiers are stored only as hashes (people type passwords into the wrong field).
 */

/** The lockout's limits come from the sign-in experience's sentinelPolicy (read per attempt, cached). */
export interface LockoutDeps extends ServiceDeps {
  signInExperience: SignInExperienceStore;
}

const sha256 = (value: string) => createHash('sha256').update(value).digest('base64url');

export const accountLockKey = (userId: string) => `user:${userId}`;
const identifierLockKey = (identifier: string) => `id:${sha256(identifier.toLowerCase())}`;
// The address comes from the socket or the proxy's own entry; hashed only when oversized.
const addressLockKey = (ip: string) => `ip:${ip.length <= 64 ? ip : sha256(ip)}`;

/** One address may fail this many times the account limit: shared NATs work, spraying does not. */
const ADDRESS_FACTOR = 10;

export interface AttemptReservation {
  /** Set when the attempt is refused: seconds until the lock ends. */
  retryAfterSeconds?: number;
  /** The address counter to give back if the attempt succeeds. */
  addressKey: string;
}

async function accountKeys(deps: ServiceDeps, identifier: string): Promise<string[]> {
  const ids = identifier === '' ? [] : await listUserIdsMatchingIdentifier(deps.db, identifier);
  return ids.length > 0 ? ids.map(accountLockKey) : [identifierLockKey(identifier)];
}

/**
 * Counts one attempt for every account the identifier may name (or the identifier itself)
 * and for the address. The attempt may go on to the password check only if no counter is
 * past its limit.
 */
export async function reserveSignInAttempt(
  deps: LockoutDeps,
  identifier: string,
  ip: string,
  now: number,
  facts?: RequestFacts,
): Promise<AttemptReservation> {
  const { maxFailures, lockoutSeconds } = await deps.signInExperience.lockout();
  const windowMs = lockoutSeconds * 1000;
  const addressKey = addressLockKey(ip);
  const counters = [
    ...(await accountKeys(deps, identifier)).map((key) => ({ key, limit: maxFailures })),
    { key: addressKey, limit: maxFailures * ADDRESS_FACTOR },
  ];
  let wait = 0;
  for (const { key, limit } of counters) {
    const row = await inTransaction(deps.db, async (trx) => {
      const counted = await failures.reserveSignInAttempt(trx, { key, now, windowMs, limit });
      // This attempt started the lock (later ones keep the first lock's end): Identifier.Lockout,
      // with the account's id when known, never the identifier as typed (invariant 3).
      if (key !== addressKey && counted.lockedUntil === now + windowMs) {
        const userId = key.startsWith('user:') ? key.slice('user:'.length) : undefined;
        await recordEvent(trx, {
          key: 'Identifier.Lockout',
          facts,
          userId,
          data: { ...(userId ? { userId } : {}), lockedUntil: counted.lockedUntil, failures: counted.failures },
          details: { lockedUntil: counted.lockedUntil, failures: counted.failures },
        });
      }
      return counted;
    });
    if (row.failures > limit) wait = Math.max(wait, row.lockedUntil !== null ? row.lockedUntil - now : windowMs);
  }
  return wait > 0 ? { addressKey, retryAfterSeconds: Math.max(1, Math.ceil(wait / 1000)) } : { addressKey };
}

/** A successful sign-in clears the account's counter and gives the address its attempt back. */
export async function settleSuccessfulSignIn(deps: LockoutDeps, userId: string, reservation: AttemptReservation): Promise<void> {
  const { maxFailures } = await deps.signInExperience.lockout();
  await failures.deleteSignInFailure(deps.db, accountLockKey(userId));
  await failures.releaseSignInAttempt(deps.db, { key: reservation.addressKey, limit: maxFailures * ADDRESS_FACTOR });
}

/** Ends the lockout of one account (an admin set its password). */
export async function clearAccountLock(deps: ServiceDeps, userId: string): Promise<void> {
  await failures.deleteSignInFailure(deps.db, accountLockKey(userId));
}

/**
 * Logto's manual unlock: each target may be a user id, username or email (any case); it
 * unlocks that account and the counter of the identifier as typed (for unknown identifiers).
 */
export async function unlockSignInTargets(deps: ServiceDeps, targets: readonly string[]): Promise<void> {
  const keys = new Set<string>();
  for (const raw of targets) {
    const target = raw.trim();
    keys.add(identifierLockKey(target));
    for (const id of await listUserIdsMatchingIdentifier(deps.db, target, { includeId: true })) keys.add(accountLockKey(id));
  }
  await failures.deleteSignInFailures(deps.db, [...keys]);
  deps.logger.info({ event: 'sign_in.unlocked', targets: targets.length }, 'sign-in lockout cleared');
}

/** "in 15 minutes", "in 1 minute", "in 3 hours": how a person reads a Retry-After. */
export function retryAfterWords(seconds: number): string {
  const minutes = Math.max(1, Math.ceil(seconds / 60));
  if (minutes < 120) return `in ${minutes} minute${minutes === 1 ? '' : 's'}`;
  return `in ${Math.ceil(minutes / 60)} hours`;
}

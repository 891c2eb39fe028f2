import argon2 from 'argon2';

/**
 * argon2id with m=7 MiB, t=5, p=1: one of the OWASP Password Storage Cheat Sheet's settings,
 * which it rates as equal defences trading memory for passes (m=19 MiB/t=2 is another).
 * Why the low-memory one: the native library mallocs `m` per hash on a libuv pool thread, and
 * glibc keeps that block in the thread's arena after free (its mmap threshold rises to the
 * size of the first block freed), so every pool thread that ever hashed holds `m` resident for
 * the life of the process: 4 x 19 MiB = 77 MB with m=19 MiB, 4 x 7 MiB = 29 MB here, at a
 * little less CPU per hash (17 vs 22 ms here). m=46 MiB/t=1 would be above glibc's largest
 * threshold (32 MiB) and returned at once, but pays ~25 ms of page faults on every hash.
 * Hashes made with other settings still verify: they carry their own parameters.
 */
const options = { type: argon2.argon2id, memoryCost: 7_168, timeCost: 5, parallelism: 1 } as const;

let dummyHash: Promise<string> | undefined;

export function hashPassword(password: string): Promise<string> {
  return argon2.hash(password, options);
}

/**
 * Verifies a password. With no stored hash it still does the full work against a dummy
 * hash, so response time does not tell whether the account exists (no user enumeration).
 */
export async function verifyPassword(hash: string | null | undefined, password: string): Promise<boolean> {
  if (!hash) {
    dummyHash ??= argon2.hash('gatehouse-dummy-password', options);
    await argon2.verify(await dummyHash, password).catch(() => false);
    return false;
  }
  try {
    return await argon2.verify(hash, password);
  } catch {
    return false;
  }
}

export const passwordPolicy = { minLength: 8, maxLength: 256 } as const;

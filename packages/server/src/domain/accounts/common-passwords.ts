import { dictionary } from '@zxcvbn-ts/language-common';

/*
 * The offline "pwned" check: the common-password list that @zxcvbn-ts/language-common ships
 * (about 49,000 entries, lowercase, ranked by frequency in breach corpora). It is turned into a
 * Set once, on first use, so a check is one hash lookup and no request loads or scans the list.
 */
let common: ReadonlySet<string> | undefined;

function commonPasswords(): ReadonlySet<string> {
  common ??= new Set(dictionary['passwords-common']);
  return common;
}

/** Whether the password (compared case-insensitively) is on the common-password list. */
export function isCommonPassword(password: string): boolean {
  return commonPasswords().has(password.toLowerCase());
}

/** How many entries the list has (the README and tests state it). */
export function commonPasswordCount(): number {
  return commonPasswords().size;
}

import { isCommonPassword } from './common-passwords.ts';

/** Logto's password policy shape (`signInExperience.passwordPolicy`). */
export interface PasswordPolicy {
  length: { min: number; max: number };
  /** How many of the four types (lowercase, uppercase, digits, symbols) a password must mix. */
  characterTypes: { min: number };
  rejects: { pwned: boolean; repetitionAndSequence: boolean; userInfo: boolean; words: string[] };
}

/** Logto's defaults (its guard's), which a new install starts from. */
export const DEFAULT_PASSWORD_POLICY: PasswordPolicy = {
  length: { min: 8, max: 256 },
  characterTypes: { min: 1 },
  rejects: { pwned: true, repetitionAndSequence: true, userInfo: true, words: [] },
};

type PasswordRejection =
  | 'too_short'
  | 'too_long'
  | 'character_types'
  | 'pwned'
  | 'restricted.repetition'
  | 'restricted.sequence'
  | 'restricted.user_info'
  | 'restricted.words';

/** One reason a password is refused, as Logto reports it (`password_rejected.<reason>`). */
export interface PasswordIssue {
  code: `password_rejected.${PasswordRejection}`;
  interpolation?: Record<string, unknown>;
}

export interface PasswordUserInfo {
  name?: string | null;
  username?: string | null;
  email?: string | null;
  phoneNumber?: string | null;
}

/** Runs of this length or more (aaa, 123, qwe, 987) are restricted phrases. */
const RUN_THRESHOLD = 3;
/**
 * Restricted phrases (repetitions, sequences, user info, custom words) may cover most of a
 * password; it is refused only when fewer than this many characters lie outside them, as in
 * Logto ("correcthorse-qwerty-battery" mixes a sequence in and is fine).
 */
const FREE_CHARACTERS = 3;
/** Name parts shorter than this would match too much ordinary text. */
const MIN_INFO_PART = 3;

const SEQUENCES = [
  '0123456789',
  'abcdefghijklmnopqrstuvwxyz',
  'qwertyuiop',
  'asdfghjkl',
  'zxcvbnm',
  '1qaz',
  '2wsx',
  '3edc',
  '4rfv',
  '5tgb',
  '6yhn',
  '7ujm',
  '8ik',
  '9ol',
];
const ALL_SEQUENCES = SEQUENCES.flatMap((s) => [s, [...s].reverse().join('')]);

/**
 * Character types. Logto refuses characters outside ASCII; we accept them (NIST SP 800-63B
 * asks for Unicode passwords) and count them as symbols.
 */
function characterTypeCount(password: string): number {
  const types = new Set<string>();
  for (const char of password) {
    if (char >= 'a' && char <= 'z') types.add('lower');
    else if (char >= 'A' && char <= 'Z') types.add('upper');
    else if (char >= '0' && char <= '9') types.add('digit');
    else types.add('symbol');
  }
  return types.size;
}

function repetitionLength(rest: string): number {
  let length = 0;
  while (length < rest.length && rest[length] === rest[0]) length += 1;
  return length >= RUN_THRESHOLD ? length : 0;
}

function sequenceLength(rest: string): number {
  const lower = rest.toLowerCase();
  let length = 1;
  while (length < lower.length && ALL_SEQUENCES.some((seq) => seq.includes(lower.slice(0, length + 1)))) length += 1;
  return length >= RUN_THRESHOLD ? length : 0;
}

/** The longest of `phrases` the (lowercased) rest of the password starts with. */
function longestPrefix(rest: string, phrases: readonly string[]): number {
  const lower = rest.toLowerCase();
  let length = 0;
  for (const phrase of phrases) if (phrase.length > length && lower.startsWith(phrase)) length = phrase.length;
  return length;
}

/** Username, the email's local part, the phone number and the name (whole, joined, each word). */
function userInfoPhrases(info: PasswordUserInfo): string[] {
  const phrases: string[] = [];
  const name = info.name?.trim();
  if (name) phrases.push(name, name.replace(/\s+/g, ''), ...name.split(/\s+/));
  if (info.username) phrases.push(info.username);
  if (info.email) phrases.push(info.email.split('@')[0] ?? '');
  if (info.phoneNumber) phrases.push(info.phoneNumber.replace(/^\+/, ''));
  return [...new Set(phrases.map((p) => p.toLowerCase()).filter((p) => p.length >= MIN_INFO_PART))];
}

/**
 * What the policy refuses in a password; empty when it is acceptable. Pure: the common-password
 * list is an in-memory Set. Without `userInfo` the user-info rule has nothing to compare with
 * and is skipped (a sign-up page checks before any account exists).
 */
export function checkPassword(policy: PasswordPolicy, password: string, userInfo?: PasswordUserInfo): PasswordIssue[] {
  const issues: PasswordIssue[] = [];
  const length = [...password].length;
  if (length < policy.length.min) issues.push({ code: 'password_rejected.too_short', interpolation: { min: policy.length.min } });
  else if (length > policy.length.max) issues.push({ code: 'password_rejected.too_long', interpolation: { max: policy.length.max } });
  if (characterTypeCount(password) < policy.characterTypes.min) {
    issues.push({ code: 'password_rejected.character_types', interpolation: { min: policy.characterTypes.min } });
  }
  if (policy.rejects.pwned && isCommonPassword(password)) issues.push({ code: 'password_rejected.pwned' });

  const { repetitionAndSequence, words } = policy.rejects;
  const info = policy.rejects.userInfo && userInfo ? userInfoPhrases(userInfo) : [];
  const custom = words.map((w) => w.toLowerCase()).filter((w) => w !== '');
  const covered = new Array<boolean>(password.length).fill(false);
  const found = new Set<PasswordRejection>();
  const cover = (start: number, span: number, reason: PasswordRejection) => {
    if (span === 0) return;
    for (let i = start; i < start + span; i += 1) covered[i] = true;
    found.add(reason);
  };
  for (let i = 0; i < password.length; i += 1) {
    const rest = password.slice(i);
    if (repetitionAndSequence) {
      cover(i, repetitionLength(rest), 'restricted.repetition');
      cover(i, sequenceLength(rest), 'restricted.sequence');
    }
    if (custom.length > 0) cover(i, longestPrefix(rest, custom), 'restricted.words');
    if (info.length > 0) cover(i, longestPrefix(rest, info), 'restricted.user_info');
  }
  const free = covered.filter((c) => !c).length;
  if (found.size > 0 && free < FREE_CHARACTERS) for (const reason of found) issues.push({ code: `password_rejected.${reason}` });
  return issues;
}

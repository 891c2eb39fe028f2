import { describe, expect, it } from 'vitest';
import { commonPasswordCount, isCommonPassword } from './common-passwords.ts';
import { checkPassword, DEFAULT_PASSWORD_POLICY, type PasswordPolicy, type PasswordUserInfo } from './password-policy.ts';

const policy = (overrides: Partial<PasswordPolicy> = {}, rejects: Partial<PasswordPolicy['rejects']> = {}): PasswordPolicy => ({
  ...DEFAULT_PASSWORD_POLICY,
  ...overrides,
  rejects: { ...DEFAULT_PASSWORD_POLICY.rejects, ...rejects },
});

const user: PasswordUserInfo = { name: 'Ada Lovelace', username: 'countess', email: 'ada.l@example.com', phoneNumber: '+4915112345678' };

const codes = (p: PasswordPolicy, password: string, info?: PasswordUserInfo) => checkPassword(p, password, info).map((i) => i.code);

describe('checkPassword', () => {
  it.each([
    ['accepts a long unusual passphrase', policy(), 'violet-harbour-lamp', []],
    ['refuses a password shorter than the minimum', policy(), 'x7#kq', ['password_rejected.too_short']],
    ['refuses a password longer than the maximum', policy({ length: { min: 1, max: 10 } }), 'x7#kq-w2!zp', ['password_rejected.too_long']],
    ['counts characters, not UTF-16 units, for length', policy({ length: { min: 4, max: 4 } }), '🔑🔑🗝🗝', []],
    ['refuses too few character types', policy({ characterTypes: { min: 3 } }), 'violetharbour', ['password_rejected.character_types']],
    ['accepts enough character types', policy({ characterTypes: { min: 4 } }), 'Violet-harb0ur', []],
    ['counts non-ASCII characters as symbols', policy({ characterTypes: { min: 2 } }), 'violetharbourü', []],
    ['refuses a common password (pwned, offline list)', policy(), 'baseball1', ['password_rejected.pwned']],
    ['compares common passwords without case', policy(), 'BaseBall1', ['password_rejected.pwned']],
    ['lets a common password through when pwned is off', policy({}, { pwned: false }), 'sunflower', []],
    ['refuses a repetition', policy({}, { pwned: false }), 'aaaaaaaaa', ['password_rejected.restricted.repetition']],
    ['refuses a sequence', policy({}, { pwned: false }), '123456789', ['password_rejected.restricted.sequence']],
    ['refuses a reversed keyboard sequence', policy({}, { pwned: false }), 'poiuytrewq', ['password_rejected.restricted.sequence']],
    [
      'refuses a password made of repetition and sequence',
      policy({}, { pwned: false }),
      'zzzzabcdef',
      ['password_rejected.restricted.repetition', 'password_rejected.restricted.sequence'],
    ],
    ['accepts a sequence inside enough other characters', policy(), 'wild-qwerty-moss', []],
    ['ignores repetition and sequence when that rule is off', policy({}, { pwned: false, repetitionAndSequence: false }), '123456789', []],
    [
      'refuses a custom word, whatever its case',
      policy({}, { words: ['gatehouse'] }),
      'GateHouse42',
      ['password_rejected.restricted.words'],
    ],
    ['accepts a custom word among enough other characters', policy({}, { words: ['gatehouse'] }), 'gatehouse-violet', []],
  ])('%s', (_name, p, password, expected) => {
    expect(codes(p, password)).toEqual(expected);
  });

  it.each([
    ['the username', 'Countess99', ['password_rejected.restricted.user_info']],
    ['the email local part', 'ada.l.ada.l', ['password_rejected.restricted.user_info']],
    ['the name joined', 'adalovelace', ['password_rejected.restricted.user_info']],
    ['a name part with a sequence', 'lovelace123', ['password_rejected.restricted.user_info', 'password_rejected.restricted.sequence']],
    ['the phone number', '4915112345678', ['password_rejected.restricted.sequence', 'password_rejected.restricted.user_info']],
    ['nothing of the user', 'violet-harbour', []],
  ])('with user info, judges a password made of %s', (_what, password, expected) => {
    expect(codes(policy(), password, user).sort()).toEqual([...expected].sort());
  });

  it('skips the user-info rule when no user is known, or when it is off', () => {
    expect(codes(policy(), 'countess99')).toEqual([]);
    expect(codes(policy({}, { userInfo: false }), 'countess99', user)).toEqual([]);
  });

  it('reports every reason with Logto interpolation', () => {
    expect(checkPassword(policy({ characterTypes: { min: 2 } }), '1234')).toEqual([
      { code: 'password_rejected.too_short', interpolation: { min: 8 } },
      { code: 'password_rejected.character_types', interpolation: { min: 2 } },
      { code: 'password_rejected.pwned' },
      { code: 'password_rejected.restricted.sequence' },
    ]);
  });
});

describe('common-password list', () => {
  it('holds tens of thousands of entries', () => {
    expect(commonPasswordCount()).toBeGreaterThan(40_000);
    expect(isCommonPassword('password')).toBe(true);
    expect(isCommonPassword('violet-harbour-lamp')).toBe(false);
  });
});

import { checkPassword } from '../../domain/accounts/password-policy.ts';
import { ForbiddenError, NotFoundError, PasswordRejectedError, UnprocessableError, ValidationError } from '../../domain/errors.ts';
import { SYSTEM, type RequestFacts } from '../../domain/request-facts.ts';
import { parseObjectColumn } from '../../storage/repositories/json-columns.ts';
import * as users from '../../storage/repositories/users.ts';
import type { UserRow } from '../../storage/schema.ts';
import { inTransaction } from '../../storage/transaction.ts';
import { recordEvent } from '../events/record-event.ts';
import { toUserDto } from '../mappers.ts';
import { setUserPassword, updateUser } from '../users.ts';
import { getAccountCenter, isVisible, requireEditable, requireEnabled, type AccountCenterSettings } from './account-center.ts';
import { USER_SCOPES, type AccountCaller, type AccountDeps } from './deps.ts';
import { hasSecurityVerificationMethod, normalizeEmail, requireIdentityVerified, takeNewEmailVerification } from './verifications.ts';

/** Logto's OIDC standard profile (`user.profile`). */
export interface UserProfile {
  familyName?: string;
  givenName?: string;
  middleName?: string;
  nickname?: string;
  preferredUsername?: string;
  profile?: string;
  website?: string;
  gender?: string;
  birthdate?: string;
  zoneinfo?: string;
  locale?: string;
  address?: Record<string, string>;
}

/** GET /api/my-account: Logto's profile response, limited by the token's scopes and the account center's fields. */
export interface MyAccount {
  id: string;
  username?: string | null;
  name?: string | null;
  avatar?: string | null;
  primaryEmail?: string | null;
  primaryPhone?: string | null;
  customData?: Record<string, unknown>;
  profile?: UserProfile;
  lastSignInAt?: number | null;
  createdAt?: number;
  updatedAt?: number;
  isSuspended?: boolean;
  hasPassword?: boolean;
}

async function requireUser(deps: AccountDeps, userId: string): Promise<UserRow> {
  const user = await users.findUserById(deps.db, userId);
  if (!user) throw new NotFoundError(`User ${userId} does not exist.`);
  return user;
}

function requireScope(caller: AccountCaller, scope: string): void {
  if (!caller.scopes.has(scope)) throw new ForbiddenError(`The access token lacks the scope ${scope}.`);
}

/** Logto's getScopedProfile then getAccountCenterFilteredProfile. */
function scopedProfile(user: UserRow, caller: AccountCaller, center: AccountCenterSettings): MyAccount {
  const { address, ...profile } = parseObjectColumn(user.profile) as UserProfile;
  const has = (scope: string) => caller.scopes.has(scope);
  const shown = (field: Parameters<typeof isVisible>[1]) => isVisible(center, field);
  return {
    id: user.id,
    ...(has(USER_SCOPES.customData) && shown('customData') ? { customData: parseObjectColumn(user.customData) } : {}),
    ...(has(USER_SCOPES.email) && shown('email') ? { primaryEmail: user.primaryEmail } : {}),
    ...(has(USER_SCOPES.phone) && shown('phone') ? { primaryPhone: user.primaryPhone } : {}),
    ...(has(USER_SCOPES.profile)
      ? {
          ...(shown('name') ? { name: user.name } : {}),
          ...(shown('avatar') ? { avatar: user.avatar } : {}),
          ...(shown('username') ? { username: user.username } : {}),
          ...(shown('profile') ? { profile: { ...profile, ...(has(USER_SCOPES.address) && address ? { address } : {}) } } : {}),
          lastSignInAt: user.lastSignInAt,
          createdAt: user.createdAt,
          updatedAt: user.updatedAt,
          isSuspended: user.isSuspended === 1,
          hasPassword: user.passwordHash !== null,
        }
      : {}),
  };
}

export async function getMyAccount(deps: AccountDeps, caller: AccountCaller): Promise<MyAccount> {
  const center = await getAccountCenter(deps);
  requireEnabled(center);
  return scopedProfile(await requireUser(deps, caller.userId), caller, center);
}

/**
 * Logto's PATCH /api/my-account: name, avatar, username (a username change needs a fresh
 * verification, and a user keeps at least one identifier), customData (scope custom_data).
 */
export async function updateMyAccount(
  deps: AccountDeps,
  caller: AccountCaller,
  patch: { name?: string | null; avatar?: string | null; username?: string | null; customData?: Record<string, unknown> },
  facts: RequestFacts = SYSTEM,
): Promise<MyAccount> {
  const center = await getAccountCenter(deps);
  if (patch.name !== undefined) requireEditable(center, 'name');
  if (patch.avatar !== undefined) requireEditable(center, 'avatar');
  if (patch.username !== undefined) requireEditable(center, 'username');
  if (patch.customData !== undefined) requireEditable(center, 'customData');
  requireEnabled(center);
  requireScope(caller, USER_SCOPES.profile);
  if (patch.customData !== undefined) requireScope(caller, USER_SCOPES.customData);
  const user = await requireUser(deps, caller.userId);
  if (patch.username !== undefined && patch.username !== user.username) {
    await requireIdentityVerified(deps, caller.userId, caller.verificationId);
    if (patch.username === null && !user.primaryEmail && !user.primaryPhone) {
      throw new UnprocessableError('The username is this account’s only identifier and cannot be removed.');
    }
  }
  // The users service records User.Data.Updated and tells every process (change bus).
  await updateUser(deps, caller.userId, patch, facts);
  return scopedProfile(await requireUser(deps, caller.userId), caller, center);
}

/** Logto's PATCH /api/my-account/profile: merges the OIDC standard profile; answers the whole profile. */
export async function updateMyProfile(
  deps: AccountDeps,
  caller: AccountCaller,
  patch: UserProfile,
  facts: RequestFacts = SYSTEM,
): Promise<UserProfile> {
  const center = await getAccountCenter(deps);
  requireEditable(center, 'profile');
  requireScope(caller, USER_SCOPES.profile);
  if (patch.address !== undefined) requireScope(caller, USER_SCOPES.address);
  const updated = await inTransaction(deps.db, async (trx) => {
    const user = await users.findUserById(trx, caller.userId);
    if (!user) throw new NotFoundError(`User ${caller.userId} does not exist.`);
    const profile = { ...(parseObjectColumn(user.profile) as UserProfile), ...patch };
    await users.updateUser(trx, caller.userId, { profile: JSON.stringify(profile), updatedAt: Date.now() });
    const row = (await users.findUserById(trx, caller.userId))!;
    await recordEvent(trx, {
      key: 'User.Data.Updated',
      facts,
      data: toUserDto(row),
      userId: caller.userId,
      details: { userId: caller.userId, changes: { profile: Object.keys(patch) } },
    });
    return profile;
  });
  await deps.changes.publish('users');
  return updated;
}

/**
 * Logto's POST /api/my-account/password: needs a fresh verification (when the user has a
 * password or an email to verify with), and the password policy of the sign-in experience.
 */
export async function changeMyPassword(
  deps: AccountDeps,
  caller: AccountCaller,
  password: string,
  facts: RequestFacts = SYSTEM,
): Promise<void> {
  const user = await requireUser(deps, caller.userId);
  if (hasSecurityVerificationMethod(user)) await requireIdentityVerified(deps, caller.userId, caller.verificationId);
  requireEditable(await getAccountCenter(deps), 'password');
  const { passwordPolicy } = await deps.signInExperience.get();
  const issues = checkPassword(passwordPolicy, password, {
    name: user.name,
    username: user.username,
    email: user.primaryEmail,
    phoneNumber: user.primaryPhone,
  });
  if (issues.length > 0) throw new PasswordRejectedError(issues);
  await setUserPassword(deps, caller.userId, password, facts);
}

/**
 * Logto's POST /api/my-account/primary-email: a fresh verification of the user, and a
 * verified code sent to the new address (its record is used up). The address is then verified.
 */
export async function changeMyPrimaryEmail(
  deps: AccountDeps,
  caller: AccountCaller,
  input: { email: string; newIdentifierVerificationRecordId: string },
  facts: RequestFacts = SYSTEM,
): Promise<void> {
  await requireIdentityVerified(deps, caller.userId, caller.verificationId);
  requireEditable(await getAccountCenter(deps), 'email');
  requireScope(caller, USER_SCOPES.email);
  const email = normalizeEmail(input.email);
  if (!email) throw new ValidationError('Invalid body: email: required', [{ path: 'email', message: 'required' }]);
  const owner = await users.findUserByEmail(deps.db, email);
  if (owner && owner.id !== caller.userId) throw new UnprocessableError('This email address is already in use.');
  await takeNewEmailVerification(deps, caller.userId, input.newIdentifierVerificationRecordId, email);
  await inTransaction(deps.db, async (trx) => {
    await users.updateUser(trx, caller.userId, { primaryEmail: email, verifiedEmail: email, updatedAt: Date.now() });
    const row = await users.findUserById(trx, caller.userId);
    if (!row) throw new NotFoundError(`User ${caller.userId} does not exist.`);
    await recordEvent(trx, {
      key: 'User.Data.Updated',
      facts,
      data: toUserDto(row),
      userId: caller.userId,
      details: { userId: caller.userId, changes: { primaryEmail: email } },
    });
  });
  await deps.changes.publish('users');
}

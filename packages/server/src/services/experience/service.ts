import {
  assertEventAllowed,
  missingProfile,
  switchEvent,
  type ExperienceState,
  type InteractionEvent,
  type InteractionIdentifier,
  type InteractionProfile,
  type VerificationRecord,
} from '../../domain/accounts/experience.ts';
import { checkPassword } from '../../domain/accounts/password-policy.ts';
import { ExperienceError, PasswordRejectedError, UnauthenticatedError, ValidationError } from '../../domain/errors.ts';
import type { RequestFacts } from '../../domain/request-facts.ts';
import { findUserByEmail, findUserById, findUserByUsername, updateUser } from '../../storage/repositories/users.ts';
import { deleteUserOidcSessionsAndGrants } from '../../storage/repositories/oidc-sessions.ts';
import { inTransaction } from '../../storage/transaction.ts';
import type { UserRow } from '../../storage/schema.ts';
import { recordEvent } from '../events/record-event.ts';
import { toUserDto } from '../mappers.ts';
import { applyJitMemberships } from '../organizations/jit.ts';
import { hashPassword, verifyPassword } from '../passwords.ts';
import { recordSignIn, verifyPasswordCredentials } from '../sign-in.ts';
import { clearAccountLock, type LockoutDeps } from '../sign-in-lockout.ts';
import { createUser } from '../users.ts';
import { completeMfa } from './mfa.ts';
import { identifyBySocial } from './social.ts';
import type { VerificationCodeService } from '../verification-codes/index.ts';

/*
 * The Experience API's use cases (Logto's "bring your own UI"). Invariants:
 * 1. Everything the client proved is kept server-side in the OIDC interaction (ExperienceState):
 *    the client holds only ids, so it cannot claim a verification it did not pass.
 * 2. A code request answers the same for every address (status, body shape, work done): an
 *    address that must not reveal whether it has an account (SignIn, ForgotPassword with no
 *    account) gets the verification-code service's dummy send, which fails and succeeds alike.
 * 3. Register creates the user only at identification with the full mandatory profile
 *    (user.missing_profile creates nothing); a failed mail send creates no record at all.
 * 4. A password reset ends every session and grant of the user.
 */

/** The OIDC interaction the request belongs to, as the service needs it (built by the route from oidc-provider). */
export interface InteractionHandle {
  uid: string;
  clientId: string;
  state: ExperienceState | undefined;
  save(state: ExperienceState | undefined): Promise<void>;
  /** Hands the signed-in account back to oidc-provider; returns where the browser goes next. */
  finish(accountId: string, login?: { amr: string[]; acr: string }): Promise<string>;
}

/** LockoutDeps is also what connector sign-in needs (services/connectors/identity-sign-in.ts). */
export interface ExperienceDeps extends LockoutDeps {
  verificationCodes: VerificationCodeService;
}

export interface RequestContext {
  ip: string;
  facts: RequestFacts;
  /** The language of emails (ui_locales, else Accept-Language). */
  locale?: string;
}

function requireState(interaction: InteractionHandle): ExperienceState {
  if (!interaction.state) {
    throw new ExperienceError('session.verification_session_not_found', 'No experience interaction: start one with PUT /api/experience.');
  }
  return interaction.state;
}

function recordById(state: ExperienceState, id: string): VerificationRecord {
  const record = state.verifications.find((v) => v.id === id);
  if (!record) throw new ExperienceError('session.verification_session_not_found', 'The verification record was not found.');
  return record;
}

/** Logto keeps one record per type: a new one replaces the last. */
function withRecord(state: ExperienceState, record: VerificationRecord): ExperienceState {
  return { ...state, verifications: [...state.verifications.filter((v) => v.type !== record.type), record] };
}

const userInfoOf = (profile: InteractionProfile, user?: UserRow) => ({
  name: user?.name,
  username: profile.username ?? user?.username,
  email: profile.primaryEmail ?? user?.primaryEmail,
  phoneNumber: user?.primaryPhone,
});

async function checkedPasswordHash(deps: ExperienceDeps, password: string, profile: InteractionProfile, user?: UserRow) {
  const { passwordPolicy } = await deps.signInExperience.get();
  const issues = checkPassword(passwordPolicy, password, userInfoOf(profile, user));
  if (issues.length > 0) throw new PasswordRejectedError(issues);
  return hashPassword(password);
}

export async function startExperience(deps: ExperienceDeps, interaction: InteractionHandle, event: InteractionEvent): Promise<void> {
  assertEventAllowed(await deps.signInExperience.get(), event);
  // A new interaction: whatever an earlier one verified is gone (Logto's PUT /experience).
  await interaction.save({ interactionEvent: event, verifications: [], profile: {} });
}

export async function changeInteractionEvent(deps: ExperienceDeps, interaction: InteractionHandle, event: InteractionEvent): Promise<void> {
  const state = requireState(interaction);
  assertEventAllowed(await deps.signInExperience.get(), event);
  await interaction.save(switchEvent(state, event));
}

export async function verifyPasswordIdentifier(
  deps: ExperienceDeps,
  interaction: InteractionHandle,
  input: { identifier: InteractionIdentifier; password: string },
  request: RequestContext,
): Promise<{ verificationId: string }> {
  const state = requireState(interaction);
  const { signIn } = await deps.signInExperience.get();
  if (!signIn.methods.some((m) => m.identifier === input.identifier.type && m.password)) {
    throw new ExperienceError('user.sign_in_method_not_enabled', `Signing in with ${input.identifier.type} and a password is not enabled.`);
  }
  let userId: string;
  try {
    // The hosted form's lockout, counted the same way (services/sign-in-lockout.ts).
    userId = await verifyPasswordCredentials(deps, {
      identifier: input.identifier.value,
      password: input.password,
      ip: request.ip,
      facts: request.facts,
      interaction: { applicationId: interaction.clientId, sessionId: interaction.uid },
    });
  } catch (error) {
    if (error instanceof UnauthenticatedError) throw new ExperienceError('session.invalid_credentials', error.message);
    throw error;
  }
  const record: VerificationRecord = { id: newRecordId(), type: 'Password', identifier: input.identifier, verified: true, userId };
  await interaction.save(withRecord(state, record));
  return { verificationId: record.id };
}

const newRecordId = () => crypto.randomUUID().replace(/-/g, '');

export async function sendVerificationCode(
  deps: ExperienceDeps,
  interaction: InteractionHandle,
  input: { identifier: InteractionIdentifier; interactionEvent: InteractionEvent },
  request: RequestContext,
): Promise<{ verificationId: string }> {
  const state = requireState(interaction);
  const settings = await deps.signInExperience.get();
  const event = input.interactionEvent;
  // Checks that depend on the settings only, never on the address (invariant 2).
  if (input.identifier.type !== 'email') throw new ValidationError('A verification code can only be sent to an email address.');
  if (event === 'ForgotPassword' && !settings.forgotPasswordMethods.includes('EmailVerificationCode')) {
    throw new ExperienceError('session.forgot_password_not_enabled', 'Resetting a password by email is not enabled.');
  }
  if (event === 'Register') {
    assertEventAllowed(settings, 'Register');
    if (!settings.signUp.identifiers.includes('email')) {
      throw new ExperienceError('user.sign_in_method_not_enabled', 'Signing up with an email address is not enabled.');
    }
  }
  if (event === 'SignIn' && !settings.signIn.methods.some((m) => m.identifier === 'email' && m.verificationCode)) {
    throw new ExperienceError('user.sign_in_method_not_enabled', 'Signing in with an email code is not enabled.');
  }
  const address = input.identifier.value.trim().toLowerCase();
  // Register sends to every address: only the mailbox's owner learns, after verifying, that it
  // is taken. SignIn and ForgotPassword rehearse for an address without an account.
  const dummy = event !== 'Register' && !(await findUserByEmail(deps.db, address));
  const sent = await deps.verificationCodes.send({ to: address, usage: event, locale: request.locale, ip: request.ip, dummy });
  const record: VerificationRecord = {
    id: sent.verificationId,
    type: 'EmailVerificationCode',
    identifier: { type: 'email', value: address },
    verified: false,
  };
  await interaction.save(withRecord(state, record));
  return { verificationId: record.id };
}

export async function verifyVerificationCode(
  deps: ExperienceDeps,
  interaction: InteractionHandle,
  input: { identifier: InteractionIdentifier; verificationId?: string; code: string },
): Promise<{ verificationId: string }> {
  const state = requireState(interaction);
  const address = input.identifier.value.trim().toLowerCase();
  if (input.verificationId === undefined) return verifyEmailedResetCode(deps, interaction, state, { address, code: input.code });
  const record = recordById(state, input.verificationId);
  if (record.type !== 'EmailVerificationCode' || record.identifier.value !== address) {
    throw new ExperienceError('session.verification_session_not_found', 'The verification record was not found.');
  }
  // Attempts, expiry and single use are the code service's (400 verification_code.invalid).
  await deps.verificationCodes.verify({ verificationId: record.id, to: address, code: input.code });
  await interaction.save(withRecord(state, { ...record, verified: true }));
  return { verificationId: record.id };
}

/**
 * A ForgotPassword code this interaction did not request: the one an admin's reset-password
 * email carries (services/account/password-reset.ts). It is checked as the newest ForgotPassword
 * code sent to the address, with the same attempt limit, expiry and single use; an address
 * without a code takes the same path as a wrong code.
 */
async function verifyEmailedResetCode(
  deps: ExperienceDeps,
  interaction: InteractionHandle,
  state: ExperienceState,
  input: { address: string; code: string },
): Promise<{ verificationId: string }> {
  if (state.interactionEvent !== 'ForgotPassword') {
    throw new ValidationError('verificationId is required: only a password reset accepts a code it did not request.');
  }
  if (!(await deps.signInExperience.get()).forgotPasswordMethods.includes('EmailVerificationCode')) {
    throw new ExperienceError('session.forgot_password_not_enabled', 'Resetting a password by email is not enabled.');
  }
  await deps.verificationCodes.verifyLatest({ to: input.address, usage: 'ForgotPassword', code: input.code });
  const record: VerificationRecord = {
    id: newRecordId(),
    type: 'EmailVerificationCode',
    identifier: { type: 'email', value: input.address },
    verified: true,
  };
  await interaction.save(withRecord(state, record));
  return { verificationId: record.id };
}

function verifiedRecord(state: ExperienceState, id: string): VerificationRecord {
  const record = recordById(state, id);
  if (!record.verified) throw new ExperienceError('session.verification_failed', 'The verification was not completed.');
  return record;
}

async function assertAvailable(deps: ExperienceDeps, profile: InteractionProfile, exceptUserId?: string): Promise<void> {
  if (profile.primaryEmail) {
    const holder = await findUserByEmail(deps.db, profile.primaryEmail);
    if (holder && holder.id !== exceptUserId)
      throw new ExperienceError('user.email_already_in_use', 'This email is associated with an existing account.');
  }
  if (profile.username) {
    const holder = await findUserByUsername(deps.db, profile.username);
    if (holder && holder.id !== exceptUserId) throw new ExperienceError('user.username_already_in_use', 'This username is already in use.');
  }
}

/** POST /identification: identifies the user (SignIn, ForgotPassword) or creates one (Register). Returns whether one was created. */
export async function identifyUser(
  deps: ExperienceDeps,
  interaction: InteractionHandle,
  verificationId: string | undefined,
  request: RequestContext,
): Promise<{ created: boolean }> {
  let state = requireState(interaction);
  const record = verificationId === undefined ? undefined : verifiedRecord(state, verificationId);
  // A social or SSO identity signs in, links or registers whatever the event (social.ts).
  if (record?.type === 'Social') return identifyBySocial(deps, interaction, record, request);
  const settings = await deps.signInExperience.get();
  if (state.interactionEvent === 'Register') {
    if (record) {
      if (record.type !== 'EmailVerificationCode') {
        throw new ExperienceError('session.verification_failed', 'Only a verified email can start an account.');
      }
      const profile = { ...state.profile, primaryEmail: record.identifier.value };
      await assertAvailable(deps, profile);
      state = { ...state, profile };
      // Kept before the checks below, as in Logto: the next call may come without a verificationId.
      await interaction.save(state);
    }
    assertEventAllowed(settings, 'Register');
    const missing = missingProfile(settings.signUp, state.profile);
    if (missing.length > 0) {
      throw new ExperienceError('user.missing_profile', `The new account still needs: ${missing.join(', ')}.`, { missingProfile: missing });
    }
    await assertAvailable(deps, state.profile);
    const { username, primaryEmail, passwordHash } = state.profile;
    const user = await createUser(deps, { username, primaryEmail, passwordHash }, request.facts);
    // The address was proven with a code: the account starts with it verified.
    if (primaryEmail) await updateUser(deps.db, user.id, { verifiedEmail: primaryEmail });
    // Only an address proven by a code gets here with primaryEmail (invariant 1).
    await applyJitMemberships(deps, { id: user.id, email: primaryEmail, emailVerified: primaryEmail !== undefined });
    await interaction.save({ ...state, userId: user.id, profile: {} });
    return { created: true };
  }
  if (!record) throw new ValidationError('verificationId is required to identify the user.');
  if (state.interactionEvent === 'ForgotPassword' && record.type !== 'EmailVerificationCode') {
    throw new ExperienceError('session.verification_failed', 'A password reset needs a verified email code.');
  }
  const user =
    record.type === 'Password' ? await findUserById(deps.db, record.userId ?? '') : await findUserByEmail(deps.db, record.identifier.value);
  if (!user) throw new ExperienceError('user.user_not_exist', 'No account uses this email address.');
  if (user.isSuspended === 1) throw new ExperienceError('user.suspended', 'This account is suspended.');
  if (state.userId && state.userId !== user.id) {
    throw new ExperienceError('session.identity_conflict', 'This interaction already identified another account.');
  }
  await interaction.save({ ...state, userId: user.id });
  return { created: false };
}

/** POST /profile: username, password or a verified email for the account being created or signed in. */
export async function addProfile(
  deps: ExperienceDeps,
  interaction: InteractionHandle,
  input: { type: 'password'; value: string } | { type: 'username'; value: string } | { type: 'email'; verificationId: string },
): Promise<void> {
  const state = requireState(interaction);
  if (state.interactionEvent === 'ForgotPassword') {
    throw new ExperienceError('session.not_supported_for_forgot_password', 'Use PUT /api/experience/profile/password to reset a password.');
  }
  if (state.interactionEvent === 'SignIn' && !state.userId) {
    throw new ExperienceError('session.identifier_not_found', 'Identify the user first.');
  }
  const user = state.userId ? await findUserById(deps.db, state.userId) : undefined;
  let profile: InteractionProfile;
  if (input.type === 'password') {
    profile = { ...state.profile, passwordHash: await checkedPasswordHash(deps, input.value, state.profile, user) };
  } else if (input.type === 'username') {
    profile = { ...state.profile, username: input.value };
    await assertAvailable(deps, profile, state.userId);
  } else {
    const record = verifiedRecord(state, input.verificationId);
    if (record.type !== 'EmailVerificationCode') throw new ExperienceError('session.verification_failed', 'The email is not verified.');
    profile = { ...state.profile, primaryEmail: record.identifier.value };
    await assertAvailable(deps, profile, state.userId);
  }
  await interaction.save({ ...state, profile });
}

/** PUT /profile/password (ForgotPassword): the new password, checked now, set at submit. */
export async function setNewPassword(deps: ExperienceDeps, interaction: InteractionHandle, password: string): Promise<void> {
  const state = requireState(interaction);
  if (state.interactionEvent !== 'ForgotPassword') {
    throw new ExperienceError('session.invalid_interaction_type', 'A password is reset only in a ForgotPassword interaction.');
  }
  const user = state.userId ? await findUserById(deps.db, state.userId) : undefined;
  if (!user) throw new ExperienceError('session.identifier_not_found', 'Verify the email address first.');
  const passwordHash = await checkedPasswordHash(deps, password, {}, user);
  if (await verifyPassword(user.passwordHash, password)) {
    throw new ExperienceError('user.same_password', 'The new password cannot be the same as the current one.');
  }
  await interaction.save({ ...state, profile: { passwordHash } });
}

/** POST /submit: signs the user in (redirectTo into the OIDC flow) or completes a password reset (undefined). */
export async function submitInteraction(
  deps: ExperienceDeps,
  interaction: InteractionHandle,
  request: RequestContext,
): Promise<{ redirectTo: string } | undefined> {
  const state = requireState(interaction);
  const user = state.userId ? await findUserById(deps.db, state.userId) : undefined;
  if (!user) throw new ExperienceError('session.identifier_not_found', 'The user is not identified yet.');
  if (user.isSuspended === 1) throw new ExperienceError('user.suspended', 'This account is suspended.');
  const { passwordHash, username, primaryEmail } = state.profile;
  const meta = { applicationId: interaction.clientId, sessionId: interaction.uid };

  if (state.interactionEvent === 'ForgotPassword') {
    if (!passwordHash) throw new ExperienceError('user.new_password_required_in_profile', 'Set the new password first.');
    // Cleared first: ending the user's sessions may end the one this interaction belongs to.
    await interaction.save(undefined);
    const ended = await inTransaction(deps.db, async (trx) => {
      // The code that identified the user proved the address too.
      await updateUser(trx, user.id, { passwordHash, verifiedEmail: user.primaryEmail, updatedAt: Date.now() });
      const out = await deleteUserOidcSessionsAndGrants(trx, user.id, Date.now());
      const updated = (await findUserById(trx, user.id)) ?? user;
      await recordEvent(trx, {
        key: 'PostResetPassword',
        facts: request.facts,
        userId: user.id,
        applicationId: interaction.clientId,
        interaction: {
          userId: user.id,
          user: toUserDto(updated) as unknown as Record<string, unknown>,
          ...meta,
          interactionEvent: 'ForgotPassword',
        },
      });
      return out;
    });
    // Whoever knew the old password is locked out now; so is the lock on the account.
    await clearAccountLock(deps, user.id);
    await deps.changes.publish('users');
    deps.logger.info({ event: 'password.reset', userId: user.id, ...ended }, 'password reset; sessions and grants ended');
    return undefined;
  }

  if (username || primaryEmail || passwordHash) {
    await assertAvailable(deps, { username, primaryEmail }, user.id);
    await updateUser(deps.db, user.id, {
      ...(username ? { username } : {}),
      ...(primaryEmail ? { primaryEmail, verifiedEmail: primaryEmail } : {}),
      ...(passwordHash ? { passwordHash } : {}),
      updatedAt: Date.now(),
    });
  }
  // Second factors (services/experience/mfa.ts): the MFA requirement, enrolled factors, amr/acr.
  const login = await completeMfa(deps, interaction, user);
  await recordSignIn(deps, user.id, {
    facts: request.facts,
    interaction: meta,
    event: state.interactionEvent === 'Register' ? 'Register' : 'SignIn',
  });
  return { redirectTo: await interaction.finish(user.id, login) };
}

import type { AuthenticationResponseJSON, RegistrationResponseJSON } from '@simplewebauthn/server';
import type { ExperienceState } from '../../domain/accounts/experience.ts';
import { acrOf, amrOf, mfaRequirement, type AuthenticationMethod, type MfaFactor } from '../../domain/accounts/mfa.ts';
import { ExperienceError, MfaError } from '../../domain/errors.ts';
import { findUserById } from '../../storage/repositories/users.ts';
import { listMfaVerificationsOfUser } from '../../storage/repositories/mfa-verifications.ts';
import type { UserRow } from '../../storage/schema.ts';
import {
  bindBackupCodes,
  bindTotp,
  bindWebAuthn,
  checkNewTotpCode,
  newTotpEnrollment,
  registrationOptions,
  relyingPartyOf,
  userMfaFactors,
  verifyRegistration,
  verifyUserBackupCode,
  verifyUserTotp,
  verifyWebAuthnAssertion,
  webAuthnAuthenticationOptions,
  type CodeAttempt,
  type NewWebAuthnCredential,
} from '../mfa/index.ts';
import type { ExperienceDeps, InteractionHandle } from './service.ts';

/*
 * The Experience API's second factors and passkey sign-in (Logto's verification routes for
 * totp, web-authn, backup-code and sign-in-passkey, and POST /profile/mfa). Invariants:
 * 1. What was proven lives server-side in the interaction, beside the password and code
 *    records (`mfa` on ExperienceState); the client holds only verificationIds.
 * 2. A factor enrolled here is written to the account only at submit, and only after the
 *    sign-in's MFA requirement is met; an abandoned enrollment leaves nothing behind.
 * 3. Submit refuses a user with an enabled factor until one is verified (403
 *    session.mfa.require_mfa_verification), and a user without one under a Mandatory policy
 *    until one is bound (422 user.missing_mfa); it hands oidc-provider the amr and acr.
 */

interface MfaRecord {
  id: string;
  type: MfaFactor | 'SignInPasskey';
  /** 'verify': an existing factor of the user was checked; 'bind': a new one is being enrolled. */
  purpose: 'verify' | 'bind';
  verified: boolean;
  /** Bind Totp: the new secret (not on the account before submit) and the step its first code used (spent). */
  secret?: string;
  step?: number;
  /** Bind BackupCode: the codes shown once, hashed when bound. */
  codes?: string[];
  /** WebAuthn: the ceremony's challenge. */
  challenge?: string;
  credential?: NewWebAuthnCredential;
  agent?: string;
  userVerified?: boolean;
  /** Set by POST /profile/mfa: bind this record at submit. */
  toBind?: boolean;
}

interface MfaState {
  records: MfaRecord[];
}

type State = ExperienceState & { mfa?: MfaState };

const newRecordId = () => crypto.randomUUID().replace(/-/g, '');

function stateOf(interaction: InteractionHandle): State {
  if (!interaction.state) {
    throw new ExperienceError('session.verification_session_not_found', 'No experience interaction: start one with PUT /api/experience.');
  }
  return interaction.state;
}

async function identifiedUser(deps: ExperienceDeps, state: State): Promise<UserRow> {
  const user = state.userId ? await findUserById(deps.db, state.userId) : undefined;
  if (!user) throw new ExperienceError('session.identifier_not_found', 'Identify the user first.');
  return user;
}

async function saveRecord(interaction: InteractionHandle, state: State, record: MfaRecord): Promise<string> {
  const records = (state.mfa?.records ?? []).filter((r) => !(r.type === record.type && r.purpose === record.purpose));
  await interaction.save({ ...state, mfa: { records: [...records, record] } } as ExperienceState);
  return record.id;
}

function recordOf(state: State, id: string, type: MfaRecord['type']): MfaRecord {
  const record = state.mfa?.records.find((r) => r.id === id && r.type === type);
  if (!record) throw new ExperienceError('session.verification_session_not_found', 'The verification record was not found.');
  return record;
}

async function assertFactorEnabled(deps: ExperienceDeps, factor: MfaFactor): Promise<void> {
  const { mfa, passkeySignIn } = await deps.signInExperience.get();
  if (!mfa.factors.includes(factor) && !(factor === 'WebAuthn' && passkeySignIn.enabled)) {
    throw new MfaError('session.mfa.mfa_factor_not_enabled', `${factor} is not enabled in the sign-in experience.`);
  }
}

export async function createTotpSecret(deps: ExperienceDeps, interaction: InteractionHandle) {
  const state = stateOf(interaction);
  const user = await identifiedUser(deps, state);
  await assertFactorEnabled(deps, 'Totp');
  const { secret, secretQrCode, keyUri } = await newTotpEnrollment(deps, user);
  const verificationId = await saveRecord(interaction, state, {
    id: newRecordId(),
    type: 'Totp',
    purpose: 'bind',
    verified: false,
    secret,
  });
  return { verificationId, secret, secretQrCode, keyUri };
}

/** With verificationId: the first code of a new secret. Without: a code of the user's app (single use, lockout). */
export async function verifyTotp(
  deps: ExperienceDeps,
  interaction: InteractionHandle,
  input: { code: string; verificationId?: string },
  attempt: CodeAttempt,
): Promise<{ verificationId: string }> {
  const state = stateOf(interaction);
  const user = await identifiedUser(deps, state);
  if (input.verificationId !== undefined) {
    const record = recordOf(state, input.verificationId, 'Totp');
    if (record.purpose !== 'bind' || !record.secret) throw new MfaError('session.mfa.pending_info_not_found', 'No new secret to verify.');
    const step = checkNewTotpCode(record.secret, input.code);
    return { verificationId: await saveRecord(interaction, state, { ...record, verified: true, step }) };
  }
  await verifyUserTotp(deps, user.id, input.code, attempt);
  return { verificationId: await saveRecord(interaction, state, { id: newRecordId(), type: 'Totp', purpose: 'verify', verified: true }) };
}

export async function generateBackupCodes(deps: ExperienceDeps, interaction: InteractionHandle) {
  const state = stateOf(interaction);
  await identifiedUser(deps, state);
  await assertFactorEnabled(deps, 'BackupCode');
  const codes = Array.from({ length: 10 }, () => Buffer.from(crypto.getRandomValues(new Uint8Array(5))).toString('hex'));
  const verificationId = await saveRecord(interaction, state, {
    id: newRecordId(),
    type: 'BackupCode',
    purpose: 'bind',
    verified: true,
    codes,
  });
  return { verificationId, codes };
}

export async function verifyBackupCode(deps: ExperienceDeps, interaction: InteractionHandle, code: string, attempt: CodeAttempt) {
  const state = stateOf(interaction);
  const user = await identifiedUser(deps, state);
  await verifyUserBackupCode(deps, user.id, code, attempt);
  return {
    verificationId: await saveRecord(interaction, state, { id: newRecordId(), type: 'BackupCode', purpose: 'verify', verified: true }),
  };
}

export async function createWebAuthnRegistration(deps: ExperienceDeps, interaction: InteractionHandle, agent?: string) {
  const state = stateOf(interaction);
  const user = await identifiedUser(deps, state);
  await assertFactorEnabled(deps, 'WebAuthn');
  const name = user.username ?? user.primaryEmail ?? user.id;
  const options = await registrationOptions(
    relyingPartyOf(deps.config.endpoint),
    { id: user.id, name, displayName: user.name ?? name },
    await listMfaVerificationsOfUser(deps.db, user.id),
  );
  const verificationId = await saveRecord(interaction, state, {
    id: newRecordId(),
    type: 'WebAuthn',
    purpose: 'bind',
    verified: false,
    challenge: options.challenge,
    agent,
  });
  return { verificationId, registrationOptions: options };
}

export async function verifyWebAuthnRegistration(
  deps: ExperienceDeps,
  interaction: InteractionHandle,
  input: { verificationId: string; payload: RegistrationResponseJSON },
) {
  const state = stateOf(interaction);
  await identifiedUser(deps, state);
  const record = recordOf(state, input.verificationId, 'WebAuthn');
  if (record.purpose !== 'bind' || !record.challenge)
    throw new MfaError('session.mfa.pending_info_not_found', 'No registration to verify.');
  const credential = await verifyRegistration(relyingPartyOf(deps.config.endpoint), record.challenge, input.payload);
  return { verificationId: await saveRecord(interaction, state, { ...record, challenge: undefined, credential, verified: true }) };
}

export async function createWebAuthnAuthentication(deps: ExperienceDeps, interaction: InteractionHandle) {
  const state = stateOf(interaction);
  const user = await identifiedUser(deps, state);
  const options = await webAuthnAuthenticationOptions(deps, user.id);
  const verificationId = await saveRecord(interaction, state, {
    id: newRecordId(),
    type: 'WebAuthn',
    purpose: 'verify',
    verified: false,
    challenge: options.challenge,
  });
  return { verificationId, authenticationOptions: options };
}

export async function verifyWebAuthnAuthentication(
  deps: ExperienceDeps,
  interaction: InteractionHandle,
  input: { verificationId: string; payload: AuthenticationResponseJSON },
) {
  const state = stateOf(interaction);
  const user = await identifiedUser(deps, state);
  const record = recordOf(state, input.verificationId, 'WebAuthn');
  if (record.purpose !== 'verify' || !record.challenge)
    throw new MfaError('session.mfa.pending_info_not_found', 'No authentication to verify.');
  const out = await verifyWebAuthnAssertion(deps, { userId: user.id, challenge: record.challenge, response: input.payload });
  return {
    verificationId: await saveRecord(interaction, state, {
      ...record,
      challenge: undefined,
      verified: true,
      userVerified: out.userVerified,
    }),
  };
}

/** Usernameless passkey sign-in, step 1: options for any discoverable credential (opt-in: passkeySignIn.enabled). */
export async function createPasskeySignIn(deps: ExperienceDeps, interaction: InteractionHandle) {
  const { passkeySignIn } = await deps.signInExperience.get();
  if (!passkeySignIn.enabled) throw new MfaError('session.passkey_sign_in_not_enabled', 'Passkey sign-in is not enabled.');
  // Logto's preflight needs no PUT /api/experience first: a SignIn interaction is started.
  const state: State = interaction.state ?? { interactionEvent: 'SignIn', verifications: [], profile: {} };
  if (state.interactionEvent !== 'SignIn') throw new ExperienceError('session.invalid_interaction_type', 'A passkey signs in only.');
  const options = await webAuthnAuthenticationOptions(deps, undefined);
  const verificationId = await saveRecord(interaction, state, {
    id: newRecordId(),
    type: 'SignInPasskey',
    purpose: 'verify',
    verified: false,
    challenge: options.challenge,
  });
  return { verificationId, authenticationOptions: options };
}

/** Step 2: the assertion names the account (its credential id); user verification is required. Identifies the user. */
export async function verifyPasskeySignIn(
  deps: ExperienceDeps,
  interaction: InteractionHandle,
  input: { verificationId?: string; payload: AuthenticationResponseJSON },
) {
  const state = stateOf(interaction);
  const record =
    input.verificationId !== undefined
      ? recordOf(state, input.verificationId, 'SignInPasskey')
      : state.mfa?.records.find((r) => r.type === 'SignInPasskey' && r.challenge);
  if (!record?.challenge) throw new ExperienceError('session.verification_session_not_found', 'Request passkey options first.');
  const out = await verifyWebAuthnAssertion(deps, { challenge: record.challenge, response: input.payload });
  const user = await findUserById(deps.db, out.userId);
  if (!user) throw new MfaError('session.mfa.webauthn_verification_failed', 'This passkey is not registered.');
  if (user.isSuspended === 1) throw new ExperienceError('user.suspended', 'This account is suspended.');
  if (state.userId && state.userId !== user.id)
    throw new ExperienceError('session.identity_conflict', 'This interaction already identified another account.');
  const next: State = { ...state, userId: user.id };
  return {
    verificationId: await saveRecord(interaction, next, {
      ...record,
      challenge: undefined,
      verified: true,
      userVerified: out.userVerified,
    }),
  };
}

/** POST /profile/mfa: the enrolled factor is bound to the account at submit. */
export async function addMfaToProfile(
  deps: ExperienceDeps,
  interaction: InteractionHandle,
  input: { type: MfaFactor; verificationId: string },
): Promise<void> {
  const state = stateOf(interaction);
  await identifiedUser(deps, state);
  await assertFactorEnabled(deps, input.type);
  const record = recordOf(state, input.verificationId, input.type);
  if (record.purpose !== 'bind' || !record.verified)
    throw new ExperienceError('session.verification_failed', 'The new factor is not verified.');
  await saveRecord(interaction, state, { ...record, toBind: true });
}

/** How this interaction proved the user: the first factor's records and the second factors verified or bound. */
function methodsOf(state: State, user: UserRow): { methods: AuthenticationMethod[]; userVerified: boolean } {
  const methods: AuthenticationMethod[] = [];
  let userVerified = false;
  for (const v of state.verifications) {
    if (!v.verified) continue;
    if (v.type === 'Password' && v.userId === user.id) methods.push('pwd');
    if (v.type === 'EmailVerificationCode') methods.push('emailCode');
  }
  if (state.interactionEvent === 'Register' && user.passwordHash && !methods.includes('pwd')) methods.push('pwd');
  for (const r of state.mfa?.records ?? []) {
    if (!r.verified || (r.purpose === 'bind' && !r.toBind)) continue;
    if (r.type === 'Totp' || r.type === 'BackupCode') methods.push('otp');
    if (r.type === 'WebAuthn') methods.push('hwk');
    if (r.type === 'SignInPasskey') {
      methods.push('passkey');
      userVerified ||= r.userVerified === true;
    }
  }
  return { methods, userVerified };
}

/**
 * Called by submit before the sign-in is handed to oidc-provider (invariants 2 and 3): checks
 * the MFA requirement, binds the enrolled factors, and returns the login's amr and acr.
 */
export async function completeMfa(
  deps: ExperienceDeps,
  interaction: InteractionHandle,
  user: UserRow,
): Promise<{ amr: string[]; acr: string }> {
  const state = stateOf(interaction);
  const { mfa } = await deps.signInExperience.get();
  const { methods, userVerified } = methodsOf(state, user);
  const amr = amrOf(methods, userVerified);
  const secondFactor = methods.some((m) => m === 'otp' || m === 'hwk') || (methods.includes('passkey') && userVerified);
  const toBind = (state.mfa?.records ?? []).filter((r) => r.toBind && r.verified);
  const factors = await userMfaFactors(deps, user.id);
  const requirement = mfaRequirement(mfa, factors);
  const available = mfa.factors.filter((f) => factors.includes(f));
  if (requirement === 'verify' && !secondFactor) {
    throw new MfaError('session.mfa.require_mfa_verification', 'Verify a second factor to finish signing in.', {
      availableFactors: available,
    });
  }
  if (requirement === 'bind' && !toBind.some((r) => r.type !== 'BackupCode')) {
    throw new MfaError('user.missing_mfa', 'Set up a second factor to finish signing in.', { availableFactors: mfa.factors });
  }
  const bindsOther = toBind.some((r) => r.type !== 'BackupCode');
  for (const r of toBind) {
    if (r.type === 'Totp' && r.secret) await bindTotp(deps, user.id, r.secret, { lastUsedStep: r.step });
    if (r.type === 'WebAuthn' && r.credential) await bindWebAuthn(deps, user.id, r.credential, { agent: r.agent });
  }
  for (const r of toBind) {
    if (r.type === 'BackupCode' && r.codes) await bindBackupCodes(deps, user.id, r.codes, { pendingOtherFactor: bindsOther });
  }
  return { amr, acr: acrOf(amr) };
}

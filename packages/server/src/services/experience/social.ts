import type { ExperienceState, SocialVerificationRecord } from '../../domain/accounts/experience.ts';
import { ExperienceError } from '../../domain/errors.ts';
import {
  getAuthorizationUri,
  signInWithVerifiedCallback,
  verifySocialCallback,
  type PendingSignIn,
  type VerifiedCallback,
} from '../connectors/social-sign-in.ts';
import type { ExperienceDeps, InteractionHandle, RequestContext } from './service.ts';

/*
 * The Experience API's Social verification record (Logto's): /verification/social/:connectorId
 * /authorization-uri creates it with the request sent upstream, /verify spends that request and
 * keeps the upstream identity it proved, and POST /identification (service.ts identifyUser)
 * signs in, links or registers with it, like any other verification kind.
 */

type SocialRecord = SocialVerificationRecord<PendingSignIn, VerifiedCallback>;

const newRecordId = () => crypto.randomUUID().replace(/-/g, '');

function requireState(interaction: InteractionHandle): ExperienceState {
  if (!interaction.state) {
    throw new ExperienceError('session.verification_session_not_found', 'No experience interaction: start one with PUT /api/experience.');
  }
  return interaction.state;
}

/** Logto keeps one record per type: a new social verification replaces the last. */
const withSocialRecord = (state: ExperienceState, record: SocialRecord): ExperienceState => ({
  ...state,
  verifications: [...state.verifications.filter((v) => v.type !== 'Social'), record],
});

const socialRecordOf = (state: ExperienceState): SocialRecord | undefined =>
  state.verifications.find((v): v is SocialRecord => v.type === 'Social');

export async function startSocialVerification(
  deps: ExperienceDeps,
  interaction: InteractionHandle,
  input: { connectorId: string; redirectUri: string; state: string },
): Promise<{ authorizationUri: string; verificationId: string }> {
  const state = requireState(interaction);
  const { url, pending } = await getAuthorizationUri(deps, input);
  const record: SocialRecord = { id: newRecordId(), type: 'Social', connectorId: pending.connectorId, verified: false, pending };
  await interaction.save(withSocialRecord(state, record));
  return { authorizationUri: url, verificationId: record.id };
}

export async function verifySocialVerification(
  deps: ExperienceDeps,
  interaction: InteractionHandle,
  input: { connectorId: string; connectorData: Record<string, string>; verificationId?: string },
): Promise<{ verificationId: string }> {
  const state = requireState(interaction);
  const record = socialRecordOf(state);
  if (input.verificationId !== undefined && record?.id !== input.verificationId) {
    throw new ExperienceError('session.verification_session_not_found', 'The verification record was not found.');
  }
  // Single use: the pending request is spent whatever the outcome.
  if (record) await interaction.save(withSocialRecord(state, { ...record, pending: undefined }));
  const callback = await verifySocialCallback(deps, {
    connectorId: input.connectorId,
    pending: record?.pending,
    callbackParams: new URLSearchParams(input.connectorData),
  });
  // verifySocialCallback refuses a missing pending request: this only narrows the type.
  if (!record) throw new ExperienceError('session.verification_session_not_found', 'The verification record was not found.');
  const verified: SocialRecord = { ...record, pending: undefined, verified: true, callback };
  await interaction.save(withSocialRecord(requireState(interaction), verified));
  return { verificationId: verified.id };
}

/** POST /identification with a verified Social record: the linked, linked-by-email or new account. */
export async function identifyBySocial(
  deps: ExperienceDeps,
  interaction: InteractionHandle,
  record: SocialVerificationRecord,
  request: RequestContext,
): Promise<{ created: boolean }> {
  const state = requireState(interaction);
  if (state.interactionEvent === 'ForgotPassword') {
    throw new ExperienceError('session.not_supported_for_forgot_password', 'A social identity cannot reset a password.');
  }
  const callback = (record as SocialRecord).callback;
  if (!callback) throw new ExperienceError('session.verification_failed', 'The verification was not completed.');
  const { userId, outcome } = await signInWithVerifiedCallback(deps, callback, request.facts);
  // Used once: the upstream identity does not stay in the interaction.
  const verifications = state.verifications.filter((v) => v.id !== record.id);
  await interaction.save({ ...state, verifications, userId });
  return { created: outcome === 'registered' };
}

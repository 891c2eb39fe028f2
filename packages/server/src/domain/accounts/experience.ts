import { ExperienceError, ForbiddenError } from '../errors.ts';
import type { SignInExperience } from './sign-in-experience.ts';

/** Logto's interaction events. */
export const INTERACTION_EVENTS = ['SignIn', 'Register', 'ForgotPassword'] as const;
export type InteractionEvent = (typeof INTERACTION_EVENTS)[number];

export interface InteractionIdentifier {
  type: 'username' | 'email';
  value: string;
}

/** A password or an emailed code (Logto's verification records for an identifier). */
interface IdentifierVerificationRecord {
  id: string;
  type: 'Password' | 'EmailVerificationCode';
  identifier: InteractionIdentifier;
  verified: boolean;
  /** Password records: the account the password opened. */
  userId?: string;
}

/**
 * A sign-in through a social or SSO connector (Logto's Social record). The service's types for
 * the request in flight and the upstream identity it proved stay opaque here (domain imports no
 * service); the interaction stores them as JSON.
 */
export interface SocialVerificationRecord<Pending = unknown, Proved = unknown> {
  id: string;
  type: 'Social';
  connectorId: string;
  verified: boolean;
  /** The authorization request sent upstream, until /verify spends it (single use). */
  pending?: Pending;
  /** What /verify proved, until /identification uses it. */
  callback?: Proved;
}

/** One verification of the interaction (Logto's verification record), kept server-side. */
export type VerificationRecord = IdentifierVerificationRecord | SocialVerificationRecord;

/** Profile given during the interaction, applied when the user is created or the interaction submitted. */
export interface InteractionProfile {
  username?: string;
  /** Set only from a verified email verification record. */
  primaryEmail?: string;
  /** argon2id hash; the password itself is never stored, not even here. */
  passwordHash?: string;
}

/** What the interaction holds between requests (oidc-provider's interaction storage). */
export interface ExperienceState {
  interactionEvent: InteractionEvent;
  verifications: VerificationRecord[];
  profile: InteractionProfile;
  /** The identified (or newly created) user. */
  userId?: string;
}

export type MissingProfile = 'username' | 'email' | 'password';

/** Logto's guard: SignIn needs signInMode ≠ Register, Register needs signInMode ≠ SignIn. */
export function assertEventAllowed(settings: Pick<SignInExperience, 'signInMode'>, event: InteractionEvent): void {
  const { signInMode } = settings;
  if ((event === 'SignIn' && signInMode === 'Register') || (event === 'Register' && signInMode === 'SignIn')) {
    throw new ForbiddenError(`${event} is not enabled in the sign-in experience (signInMode ${signInMode}).`);
  }
}

/**
 * Logto's rule for switching events: SignIn and Register switch freely (pending profile is
 * dropped), ForgotPassword neither starts from nor turns into another event.
 */
export function switchEvent(state: ExperienceState, event: InteractionEvent): ExperienceState {
  if ((event === 'ForgotPassword') !== (state.interactionEvent === 'ForgotPassword')) {
    throw new ExperienceError('session.not_supported_for_forgot_password', 'ForgotPassword cannot be switched to or from another event.');
  }
  return event === state.interactionEvent ? state : { ...state, interactionEvent: event, profile: {} };
}

/** What a new account still lacks under the sign-up settings, in Logto's `missingProfile` names. */
export function missingProfile(signUp: SignInExperience['signUp'], profile: InteractionProfile): MissingProfile[] {
  const missing: MissingProfile[] = [];
  if (signUp.identifiers.includes('username') && !profile.username) missing.push('username');
  if (signUp.identifiers.includes('email') && !profile.primaryEmail) missing.push('email');
  if (signUp.password && !profile.passwordHash) missing.push('password');
  return missing;
}

/** Logto's username rule: a letter or underscore, then word characters. */
export const USERNAME_PATTERN = /^[A-Z_a-z]\w*$/;

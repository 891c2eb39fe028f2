import type { ValidationIssue } from '../errors.ts';
import { DEFAULT_MFA, DEFAULT_PASSKEY_SIGN_IN, mfaSettingsProblems, type MfaSettings, type PasskeySignIn } from './mfa.ts';
import { DEFAULT_PASSWORD_POLICY, type PasswordPolicy } from './password-policy.ts';

/** Logto's sign-in experience, the subset Gatehouse implements (same names and shapes). */
type SignInIdentifier = 'username' | 'email';
type SignInMode = 'SignIn' | 'Register' | 'SignInAndRegister';
type ForgotPasswordMethod = 'EmailVerificationCode';

interface SignInMethod {
  identifier: SignInIdentifier;
  password: boolean;
  verificationCode: boolean;
  isPasswordPrimary: boolean;
}

export interface SentinelPolicy {
  /** Failed attempts on one account before it is locked. */
  maxAttempts?: number;
  /** Minutes the lock lasts (and the window failures are counted in). */
  lockoutDuration?: number;
}

export interface SignInExperience {
  id: 'default';
  signInMode: SignInMode;
  signUp: { identifiers: SignInIdentifier[]; password: boolean; verify: boolean };
  signIn: { methods: SignInMethod[] };
  passwordPolicy: PasswordPolicy;
  forgotPasswordMethods: ForgotPasswordMethod[];
  branding: { logoUrl?: string; darkLogoUrl?: string; favicon?: string; darkFavicon?: string };
  color: { primaryColor: string; isDarkModeEnabled: boolean; darkPrimaryColor: string };
  customCss: string | null;
  termsOfUseUrl: string | null;
  privacyPolicyUrl: string | null;
  languageInfo: { autoDetect: boolean; fallbackLanguage: string };
  sentinelPolicy: SentinelPolicy;
  /** Logto's: the targets of the social connectors offered on the sign-in page, in order. */
  socialSignInConnectorTargets: string[];
  /** Logto's: link a social identity to the account holding the same verified email, instead of refusing. */
  socialSignIn: { automaticAccountLinking: boolean };
  /** Second factors offered and when they are asked for (domain/accounts/mfa.ts). */
  mfa: MfaSettings;
  /** Usernameless sign-in with a passkey. */
  passkeySignIn: PasskeySignIn;
}

export type SignInExperiencePatch = Partial<Omit<SignInExperience, 'id'>>;

/** What a new install starts with: sign in (no self sign-up) with username or email + password, as before. */
export const DEFAULT_SIGN_IN_EXPERIENCE: SignInExperience = {
  id: 'default',
  signInMode: 'SignIn',
  signUp: { identifiers: ['username'], password: true, verify: false },
  signIn: {
    methods: [
      { identifier: 'username', password: true, verificationCode: false, isPasswordPrimary: true },
      { identifier: 'email', password: true, verificationCode: false, isPasswordPrimary: true },
    ],
  },
  passwordPolicy: DEFAULT_PASSWORD_POLICY,
  forgotPasswordMethods: [],
  branding: {},
  color: { primaryColor: '#6139F6', isDarkModeEnabled: false, darkPrimaryColor: '#8768F8' },
  customCss: null,
  termsOfUseUrl: null,
  privacyPolicyUrl: null,
  languageInfo: { autoDetect: true, fallbackLanguage: 'en' },
  sentinelPolicy: {},
  socialSignInConnectorTargets: [],
  socialSignIn: { automaticAccountLinking: false },
  mfa: DEFAULT_MFA,
  passkeySignIn: DEFAULT_PASSKEY_SIGN_IN,
};

/** What the server can do, which decides whether a setting is usable. */
export interface Capabilities {
  /** SMTP_URL and EMAIL_FROM are set. */
  emailDelivery: boolean;
  /** The targets of the social connectors that exist. */
  connectorTargets?: readonly string[];
}

/**
 * Every way the settings would leave people unable to sign up, sign in or recover, each
 * with the setting at fault and why. Empty when the settings are usable.
 */
export function signInExperienceProblems(exp: Omit<SignInExperience, 'id'>, can: Capabilities): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  const noEmail = 'no email delivery is configured (set SMTP_URL and EMAIL_FROM)';
  const { signUp, signIn, signInMode } = exp;
  const registers = signInMode !== 'SignIn';
  const methods = signIn.methods;

  if (methods.length === 0)
    issues.push({ path: 'signIn.methods', message: 'at least one sign-in method is required, or no one can sign in' });
  const seen = new Set<string>();
  methods.forEach((m, i) => {
    if (seen.has(m.identifier)) issues.push({ path: `signIn.methods.${i}.identifier`, message: `${m.identifier} is listed twice` });
    seen.add(m.identifier);
    if (!m.password && !m.verificationCode) {
      issues.push({ path: `signIn.methods.${i}`, message: `${m.identifier} sign-in needs a password or a verification code` });
    }
    if (m.verificationCode && m.identifier === 'username') {
      issues.push({ path: `signIn.methods.${i}.verificationCode`, message: 'a code cannot be sent to a username' });
    }
    if (m.verificationCode && m.identifier === 'email' && !can.emailDelivery) {
      issues.push({ path: `signIn.methods.${i}.verificationCode`, message: `email verification codes cannot be sent: ${noEmail}` });
    }
  });

  if (new Set(signUp.identifiers).size !== signUp.identifiers.length)
    issues.push({ path: 'signUp.identifiers', message: 'duplicated identifiers' });
  // Sign-up settings matter only when people may register.
  if (registers) {
    if (signUp.identifiers.length === 0) {
      issues.push({ path: 'signUp.identifiers', message: `signInMode ${signInMode} needs at least one sign-up identifier` });
    }
    if (!signUp.password && !signUp.verify) {
      issues.push({ path: 'signUp', message: 'new accounts would have neither a password nor a verified address to sign in with' });
    }
    for (const identifier of signUp.identifiers) {
      const method = methods.find((m) => m.identifier === identifier);
      if (!method) {
        issues.push({
          path: 'signUp.identifiers',
          message: `accounts signed up with ${identifier} cannot sign in: signIn.methods has no ${identifier} method`,
        });
      } else if (!signUp.password && !method.verificationCode) {
        issues.push({
          path: 'signIn.methods',
          message: `accounts signed up without a password sign in with a code: the ${identifier} method needs verificationCode`,
        });
      }
    }
    if (signUp.identifiers.includes('username') && !signUp.password) {
      issues.push({ path: 'signUp.password', message: 'a username sign-up needs a password (no code can reach a username)' });
    }
    if (signUp.identifiers.includes('email')) {
      if (!signUp.verify)
        issues.push({ path: 'signUp.verify', message: 'an email sign-up must verify the address (Logto: passwordless_requires_verify)' });
      else if (!can.emailDelivery) issues.push({ path: 'signUp.verify', message: `email addresses cannot be verified: ${noEmail}` });
    }
  }
  exp.socialSignInConnectorTargets.forEach((target, i) => {
    if (can.connectorTargets && !can.connectorTargets.includes(target)) {
      issues.push({ path: `socialSignInConnectorTargets.${i}`, message: `no social connector has the target ${target}` });
    }
  });
  if (new Set(exp.socialSignInConnectorTargets).size !== exp.socialSignInConnectorTargets.length) {
    issues.push({ path: 'socialSignInConnectorTargets', message: 'duplicated targets' });
  }
  if (exp.forgotPasswordMethods.includes('EmailVerificationCode') && !can.emailDelivery) {
    issues.push({ path: 'forgotPasswordMethods', message: `password reset by email code cannot work: ${noEmail}` });
  }
  issues.push(...mfaSettingsProblems(exp.mfa));
  return issues;
}

/** The lockout the sign-in path applies: the stored policy, with the environment's values as defaults. */
export function effectiveSentinelPolicy(
  policy: SentinelPolicy,
  defaults: { maxFailures: number; lockoutSeconds: number },
): { maxFailures: number; lockoutSeconds: number } {
  return {
    maxFailures: policy.maxAttempts ?? defaults.maxFailures,
    lockoutSeconds: policy.lockoutDuration !== undefined ? Math.max(1, Math.round(policy.lockoutDuration * 60)) : defaults.lockoutSeconds,
  };
}

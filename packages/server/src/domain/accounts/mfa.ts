/** Logto's MFA names (MfaFactor, MfaPolicy) and the rules that need no storage. */
export const MFA_FACTORS = ['Totp', 'WebAuthn', 'BackupCode'] as const;
export type MfaFactor = (typeof MFA_FACTORS)[number];

/** Logto's MfaPolicy values Gatehouse honours (UserControlled is Logto's deprecated alias of PromptAtSignInAndSignUp). */
export const MFA_POLICIES = ['UserControlled', 'PromptAtSignInAndSignUp', 'PromptOnlyAtSignIn', 'NoPrompt', 'Mandatory'] as const;
type MfaPolicy = (typeof MFA_POLICIES)[number];

export interface MfaSettings {
  factors: MfaFactor[];
  policy: MfaPolicy;
  /** Logto's organization policy; an organization with isMfaRequired always refuses org tokens to members without MFA. */
  organizationRequiredMfaPolicy?: 'NoPrompt' | 'Mandatory';
}

/** Logto's passkeySignIn: usernameless sign-in with a discoverable WebAuthn credential. */
export interface PasskeySignIn {
  enabled: boolean;
  showPasskeyButton: boolean;
  allowAutofill: boolean;
}

export const DEFAULT_MFA: MfaSettings = { factors: [], policy: 'PromptAtSignInAndSignUp' };
export const DEFAULT_PASSKEY_SIGN_IN: PasskeySignIn = { enabled: false, showPasskeyButton: false, allowAutofill: false };

/** Logto: 10 codes of 10 hex characters. */
export const BACKUP_CODE_COUNT = 10;
export const BACKUP_CODE_PATTERN = /^[\da-f]{10}$/;

/** Logto's TOTP secret check: base32, 16 to 32 characters. */
export function isValidTotpSecret(secret: string): boolean {
  return secret.length >= 16 && secret.length <= 32 && /^[2-7A-Z]+=*$/.test(secret);
}

/** Problems of the MFA settings themselves, each with the field at fault. */
export function mfaSettingsProblems(mfa: MfaSettings): Array<{ path: string; message: string }> {
  const issues: Array<{ path: string; message: string }> = [];
  if (new Set(mfa.factors).size !== mfa.factors.length) issues.push({ path: 'mfa.factors', message: 'duplicated factors' });
  // Logto: a backup code only recovers another factor; alone it would be the only factor.
  if (mfa.factors.includes('BackupCode') && !mfa.factors.some((f) => f !== 'BackupCode')) {
    issues.push({ path: 'mfa.factors', message: 'BackupCode cannot be the only factor (session.mfa.backup_code_can_not_be_alone)' });
  }
  if (mfa.policy === 'Mandatory' && mfa.factors.length === 0) {
    issues.push({ path: 'mfa.policy', message: 'Mandatory MFA needs at least one factor, or no one can sign in' });
  }
  return issues;
}

/** How the user proved who they are in one interaction; the input of amr and acr. */
export type AuthenticationMethod = 'pwd' | 'otp' | 'hwk' | 'emailCode' | 'passkey';

/**
 * RFC 8176 amr of a sign-in: pwd, otp (TOTP or backup code), hwk (WebAuthn), and mfa when two kinds
 * of factor were used (a user-verified passkey counts as two).
 */
export function amrOf(methods: readonly AuthenticationMethod[], userVerified = false): string[] {
  const amr = new Set<string>();
  let kinds = 0;
  if (methods.includes('pwd')) {
    amr.add('pwd');
    kinds += 1;
  }
  if (methods.includes('otp')) {
    amr.add('otp');
    kinds += 1;
  }
  if (methods.includes('emailCode')) kinds += 1;
  if (methods.includes('hwk') || methods.includes('passkey')) {
    amr.add('hwk');
    kinds += 1;
    // A passkey checked with user verification (PIN or biometric) is a multi-factor authenticator (NIST AAL2+).
    if (userVerified) kinds += 1;
  }
  if (kinds >= 2) amr.add('mfa');
  return [...amr];
}

/** The two assurance levels announced in acr_values_supported. */
const ACR_SINGLE_FACTOR = 'urn:gatehouse:acr:1fa';
const ACR_MULTI_FACTOR = 'urn:gatehouse:acr:mfa';
export const ACR_VALUES = [ACR_SINGLE_FACTOR, ACR_MULTI_FACTOR];

export const acrOf = (amr: readonly string[]) => (amr.includes('mfa') ? ACR_MULTI_FACTOR : ACR_SINGLE_FACTOR);

/**
 * What the sign-in must do about MFA for a user with `userFactors` bound (Logto's MfaValidator):
 * - 'verify': the user has a factor, so one must be verified (403 session.mfa.require_mfa_verification);
 * - 'bind': the policy is Mandatory and the user has none, so one must be bound (422 user.missing_mfa);
 * - 'none': nothing more is needed.
 */
export function mfaRequirement(
  mfa: MfaSettings,
  userFactors: readonly MfaFactor[],
  opts: { organizationRequiresMfa?: boolean } = {},
): 'verify' | 'bind' | 'none' {
  // Any factor the user has must be verified, even one whose type the settings no longer offer:
  // turning a factor off in the settings must not turn a two-factor account into a password-only one.
  if (userFactors.length > 0) return 'verify';
  const mandatory =
    mfa.policy === 'Mandatory' || (opts.organizationRequiresMfa === true && mfa.organizationRequiredMfaPolicy === 'Mandatory');
  return mandatory && mfa.factors.length > 0 ? 'bind' : 'none';
}

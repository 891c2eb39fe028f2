/**
 * Logto's sign-in experience (`GET|PATCH /api/sign-in-exp`), the subset Gatehouse implements.
 *
 * @example
 * ```ts
 * const settings: SignInExperienceDto = await (await fetch('/api/sign-in-exp', { headers })).json();
 * if (settings.signInMode === 'SignIn') console.log('no self sign-up');
 * ```
 */
export interface SignInExperienceDto {
  id: 'default';
  signInMode: 'SignIn' | 'Register' | 'SignInAndRegister';
  signUp: { identifiers: Array<'username' | 'email'>; password: boolean; verify: boolean };
  signIn: {
    methods: Array<{ identifier: 'username' | 'email'; password: boolean; verificationCode: boolean; isPasswordPrimary: boolean }>;
  };
  passwordPolicy: {
    length: { min: number; max: number };
    characterTypes: { min: number };
    rejects: { pwned: boolean; repetitionAndSequence: boolean; userInfo: boolean; words: string[] };
  };
  forgotPasswordMethods: Array<'EmailVerificationCode'>;
  branding: { logoUrl?: string; darkLogoUrl?: string; favicon?: string; darkFavicon?: string };
  color: { primaryColor: string; isDarkModeEnabled: boolean; darkPrimaryColor: string };
  customCss: string | null;
  termsOfUseUrl: string | null;
  privacyPolicyUrl: string | null;
  languageInfo: { autoDetect: boolean; fallbackLanguage: string };
  /** Failed sign-ins before a lock, and the lock's minutes. */
  sentinelPolicy: { maxAttempts?: number; lockoutDuration?: number };
  socialSignInConnectorTargets: string[];
  socialSignIn: { automaticAccountLinking: boolean };
  mfa: { factors: Array<'Totp' | 'WebAuthn' | 'BackupCode'>; policy: string; organizationRequiredMfaPolicy?: 'NoPrompt' | 'Mandatory' };
  passkeySignIn: { enabled: boolean; showPasskeyButton: boolean; allowAutofill: boolean };
}

/**
 * One email template (`GET|PUT /api/email-templates`), Logto's shape.
 *
 * @example
 * ```ts
 * const template: EmailTemplateDto = { id: 't1', languageTag: 'en', templateType: 'SignIn', createdAt: 0,
 *   details: { subject: 'Your code', content: 'Your code is {{code}}' } };
 * ```
 */
export interface EmailTemplateDto {
  id: string;
  languageTag: string;
  templateType: string;
  details: { subject: string; content: string; contentType?: 'text/html' | 'text/plain'; replyTo?: string; sendFrom?: string };
  createdAt: number;
}

import { z } from 'zod';
import { DEFAULT_PASSKEY_SIGN_IN, MFA_FACTORS, MFA_POLICIES } from '../domain/accounts/mfa.ts';
import type { SignInExperience } from '../domain/accounts/sign-in-experience.ts';
import { Reply } from '../http/route.ts';
import { checkPasswordWithPolicy, getSignInExperience, updateSignInExperience } from '../services/sign-in-experience/settings.ts';
import type { RouteDeps } from './context.ts';

const hexColor = z.string().regex(/^#([\da-f]{3}|[\da-f]{6})$/i, 'must be a hex color like #6139F6');
const httpUrl = z
  .string()
  .max(2048)
  .refine((v) => {
    try {
      return ['http:', 'https:'].includes(new URL(v).protocol);
    } catch {
      return false;
    }
  }, 'must be an absolute http(s) URL');
/** Logto accepts '' for "none"; it is stored as null. */
const optionalUrl = z
  .union([httpUrl, z.literal('')])
  .nullable()
  .transform((v) => (v === '' ? null : v));
const identifier = z.enum(['username', 'email']);

const PasswordPolicyBody = z
  .object({
    length: z
      .object({ min: z.number().int().min(1).max(256).optional(), max: z.number().int().min(1).max(256).optional() })
      .optional()
      .describe('Length bounds (defaults 8 and 256)'),
    characterTypes: z
      .object({ min: z.number().int().min(1).max(4).optional() })
      .optional()
      .describe('How many of lowercase, uppercase, digits, symbols a password must mix'),
    rejects: z
      .object({
        pwned: z.boolean().optional().describe('Refuse passwords on the offline common-password list (~49,000 entries)'),
        repetitionAndSequence: z.boolean().optional().describe('Refuse passwords made of aaa / 123 / qwerty runs'),
        userInfo: z.boolean().optional().describe("Refuse passwords made of the user's name, username, email or phone"),
        words: z.array(z.string().max(128)).max(1000).optional().describe('Custom words to refuse (case-insensitive)'),
      })
      .optional(),
  })
  .refine((p) => (p.length?.min ?? 8) <= (p.length?.max ?? 256), { message: 'length.min must not exceed length.max', path: ['length'] });

/** Logto's mfa: factors offered and the prompt policy. */
const MfaBody = z.object({
  factors: z.array(z.enum(MFA_FACTORS)).max(3),
  policy: z.enum(MFA_POLICIES).describe('Mandatory: every user must have a factor; the others let users choose'),
  organizationRequiredMfaPolicy: z.enum(['NoPrompt', 'Mandatory']).optional(),
});
/** Logto's passkeySignIn (every field optional; unset ones are off). */
const PasskeySignInBody = z
  .object({ enabled: z.boolean().optional(), showPasskeyButton: z.boolean().optional(), allowAutofill: z.boolean().optional() })
  .transform((p) => ({ ...DEFAULT_PASSKEY_SIGN_IN, ...p }));

const SignInMethodSchema = z.object({
  identifier,
  password: z.boolean(),
  verificationCode: z.boolean(),
  isPasswordPrimary: z.boolean(),
});

export const SignInExperiencePatchBody = z.object({
  signInMode: z.enum(['SignIn', 'Register', 'SignInAndRegister']).optional().describe('Whether people may sign in, register, or both'),
  signUp: z
    .object({ identifiers: z.array(identifier).max(2), password: z.boolean(), verify: z.boolean() })
    .optional()
    .describe('What a new account is created with'),
  signIn: z
    .object({ methods: z.array(SignInMethodSchema).max(2) })
    .optional()
    .describe('Sign-in methods, in display order'),
  passwordPolicy: PasswordPolicyBody.optional().describe('Password requirements; omitted parts take their defaults'),
  forgotPasswordMethods: z
    .array(z.enum(['EmailVerificationCode']))
    .max(1)
    .optional(),
  branding: z
    .object({ logoUrl: httpUrl.optional(), darkLogoUrl: httpUrl.optional(), favicon: httpUrl.optional(), darkFavicon: httpUrl.optional() })
    .optional(),
  color: z.object({ primaryColor: hexColor, isDarkModeEnabled: z.boolean(), darkPrimaryColor: hexColor }).optional(),
  customCss: z.string().max(65_536).nullable().optional().describe('CSS added to the hosted pages'),
  termsOfUseUrl: optionalUrl.optional(),
  privacyPolicyUrl: optionalUrl.optional(),
  languageInfo: z
    .object({
      autoDetect: z.boolean(),
      fallbackLanguage: z.string().regex(/^[a-z]{2,3}(-[A-Za-z\d]{2,8})*$/, 'must be a language tag such as en or de-CH'),
    })
    .optional(),
  sentinelPolicy: z
    .object({
      maxAttempts: z.number().int().min(1).max(1000).optional().describe('Failed sign-ins on one account before it is locked'),
      lockoutDuration: z
        .number()
        .positive()
        .max(10_080)
        .optional()
        .describe('Minutes a lock lasts (also the window failures are counted in)'),
    })
    .optional()
    .describe('Sign-in lockout; unset fields use SIGN_IN_MAX_FAILURES and SIGN_IN_LOCKOUT_SECONDS'),
  socialSignInConnectorTargets: z
    .array(z.string().min(1).max(128))
    .max(50)
    .optional()
    .describe('Targets of the social connectors shown on the sign-in page, in order; each must have a connector'),
  socialSignIn: z
    .object({ automaticAccountLinking: z.boolean() })
    .optional()
    .describe('Link a social identity to the account holding the same verified email'),
  mfa: MfaBody.optional().describe('Second factors offered (Totp, WebAuthn, BackupCode) and when they are asked for'),
  passkeySignIn: PasskeySignInBody.optional().describe('Usernameless sign-in with a passkey (discoverable WebAuthn credential)'),
});

const SignInExperienceResponse: z.ZodType<SignInExperience> = z.object({
  id: z.literal('default'),
  signInMode: z.enum(['SignIn', 'Register', 'SignInAndRegister']),
  signUp: z.object({ identifiers: z.array(identifier), password: z.boolean(), verify: z.boolean() }),
  signIn: z.object({ methods: z.array(SignInMethodSchema) }),
  passwordPolicy: z.object({
    length: z.object({ min: z.number(), max: z.number() }),
    characterTypes: z.object({ min: z.number() }),
    rejects: z.object({ pwned: z.boolean(), repetitionAndSequence: z.boolean(), userInfo: z.boolean(), words: z.array(z.string()) }),
  }),
  forgotPasswordMethods: z.array(z.enum(['EmailVerificationCode'])),
  branding: z.object({
    logoUrl: z.string().optional(),
    darkLogoUrl: z.string().optional(),
    favicon: z.string().optional(),
    darkFavicon: z.string().optional(),
  }),
  color: z.object({ primaryColor: z.string(), isDarkModeEnabled: z.boolean(), darkPrimaryColor: z.string() }),
  customCss: z.string().nullable(),
  termsOfUseUrl: z.string().nullable(),
  privacyPolicyUrl: z.string().nullable(),
  languageInfo: z.object({ autoDetect: z.boolean(), fallbackLanguage: z.string() }),
  sentinelPolicy: z.object({ maxAttempts: z.number().optional(), lockoutDuration: z.number().optional() }),
  socialSignInConnectorTargets: z.array(z.string()),
  socialSignIn: z.object({ automaticAccountLinking: z.boolean() }),
  mfa: z.object({
    factors: z.array(z.enum(MFA_FACTORS)),
    policy: z.enum(MFA_POLICIES),
    organizationRequiredMfaPolicy: z.enum(['NoPrompt', 'Mandatory']).optional(),
  }),
  passkeySignIn: z.object({ enabled: z.boolean(), showPasskeyButton: z.boolean(), allowAutofill: z.boolean() }),
});

const CheckPasswordBody = z.object({
  password: z.string().max(4096),
  userId: z.string().min(1).max(128).optional().describe("Also refuse the user's own name, username, email or phone"),
});
const CheckPasswordResponse = z.union([
  z.object({ result: z.literal(true) }),
  z.object({
    result: z.literal(false),
    issues: z.array(z.object({ code: z.string(), interpolation: z.record(z.string(), z.unknown()).optional() })),
  }),
]);

export function signInExperienceRoutes(deps: RouteDeps): void {
  const { router, registry } = deps;
  const tag = 'Sign-in experience';
  registry.add(
    router,
    { method: 'get', path: '/sign-in-exp', tag, summary: 'Get default sign-in experience settings', response: SignInExperienceResponse },
    () => getSignInExperience(deps),
  );
  registry.add(
    router,
    {
      method: 'patch',
      path: '/sign-in-exp',
      tag,
      summary: 'Update default sign-in experience settings (400 naming every reason when they would lock people out)',
      body: SignInExperiencePatchBody,
      response: SignInExperienceResponse,
    },
    ({ body }) => updateSignInExperience(deps, body as Partial<SignInExperience>),
  );
  registry.add(
    router,
    {
      method: 'post',
      path: '/sign-in-exp/default/check-password',
      operationId: 'CheckPasswordWithDefaultSignInExperience',
      tag,
      summary: 'Check a password against the password policy: 200 { result: true } or 400 { result: false, issues }',
      body: CheckPasswordBody,
      response: CheckPasswordResponse,
    },
    async ({ body }) => {
      const issues = await checkPasswordWithPolicy(deps, body);
      return issues.length === 0 ? { result: true } : new Reply(400, { result: false, issues });
    },
  );
}

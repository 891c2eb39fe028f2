import type { VerificationCodeService } from '../verification-codes/index.ts';
import type { LockoutDeps } from '../sign-in-lockout.ts';

/** What the Account API's services need: the sign-in lockout (password checks) and verification codes. */
export interface AccountDeps extends LockoutDeps {
  verificationCodes: VerificationCodeService;
}

/** The caller of the Account API: the user of an opaque access token (http/require-user-token.ts). */
export interface AccountCaller {
  userId: string;
  clientId: string;
  scopes: ReadonlySet<string>;
  /** The uid of the OIDC session the token was issued in, when there is one. */
  sessionUid?: string;
  /** The `logto-verification-id` header, not yet checked. */
  verificationId?: string;
}

/** Logto's UserScope values the Account API checks. */
export const USER_SCOPES = {
  profile: 'profile',
  email: 'email',
  phone: 'phone',
  address: 'address',
  customData: 'custom_data',
  sessions: 'urn:logto:scope:sessions',
} as const;

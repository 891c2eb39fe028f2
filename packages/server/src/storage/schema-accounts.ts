/** Tables of end-user accounts: email templates, verification codes and their send limits. */
export interface EmailTemplatesTable {
  id: string;
  languageTag: string;
  templateType: string;
  /** JSON: Logto's `{ subject, content, contentType?, replyTo?, sendFrom? }`. */
  details: string;
  createdAt: number;
}

export interface VerificationCodesTable {
  id: string;
  /** SHA-256 of the normalized address: a code is bound to the address it was sent to. */
  addressHash: string;
  usage: string;
  /** HMAC-SHA-256 of the code keyed with `salt`; the code itself is never stored. */
  codeHash: string;
  salt: string;
  attempts: number;
  expiresAt: number;
  consumedAt: number | null;
  createdAt: number;
}

export interface MessageRateLimitsTable {
  key: string;
  count: number;
  windowStart: number;
}

/** Logto's verification records of the Account API: short-lived, bound to one user. */
export interface VerificationRecordsTable {
  id: string;
  userId: string;
  /** 'Password' or 'EmailVerificationCode' (Logto's VerificationType). */
  type: string;
  /** The code's template: UserPermissionValidation (proves the user) or BindNewIdentifier (a new address). */
  templateType: string | null;
  email: string | null;
  /** The verification code's id (services/verification-codes). */
  codeId: string | null;
  verifiedAt: number | null;
  expiresAt: number;
  createdAt: number;
  /** Social records: the pending upstream request, then the identity it proved (JSON). */
  payload: string | null;
}

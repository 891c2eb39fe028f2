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

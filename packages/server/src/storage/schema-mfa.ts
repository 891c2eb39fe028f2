/** Logto's user mfaVerifications, one row per factor (see migrations/2026_12_01_13_00_00_mfa.ts). */
export interface MfaVerificationsTable {
  id: string;
  userId: string;
  /** 'Totp' | 'WebAuthn' | 'BackupCode' (Logto's MfaFactor). */
  type: string;
  /** Base32 TOTP secret; returned only by the call that created it. */
  totpSecret: string | null;
  /** The RFC 6238 time step of the last accepted code: a code of that step or earlier is refused. */
  totpLastUsedStep: number | null;
  /** WebAuthn credential id, base64url. */
  credentialId: string | null;
  /** COSE public key, base64url. */
  publicKey: string | null;
  counter: number | null;
  /** JSON array of AuthenticatorTransport. */
  transports: string | null;
  aaguid: string | null;
  rpId: string | null;
  /** The browser's User-Agent at registration (Logto's `agent`). */
  agent: string | null;
  name: string | null;
  /** JSON: { salt, codes: [{ hash, usedAt? }] } (scrypt hashes; the codes are shown once). */
  backupCodes: string | null;
  createdAt: number;
  lastUsedAt: number | null;
}

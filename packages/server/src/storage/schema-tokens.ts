/**
 * Logto's subject tokens (impersonation): minted by a Management API caller for one user,
 * exchanged once at the token endpoint (RFC 8693). Only the token's SHA-256 is stored.
 */
export interface SubjectTokensTable {
  id: string;
  /** SHA-256 (hex) of the token: it is 256-bit random, so a fast hash is enough. */
  tokenHash: string;
  userId: string;
  /** JSON object: Logto's `context`, handed to the custom JWT script. */
  context: string;
  /** Who minted it: an admin user's id or an admin application's (the `act` of the exchanged token). */
  creatorId: string;
  creatorType: string;
  expiresAt: number;
  consumedAt: number | null;
  createdAt: number;
}

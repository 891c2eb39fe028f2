/*
 * What never reaches the audit log or a webhook payload: passwords, hashes, client and
 * webhook secrets, signing keys, tokens, codes, custom claims scripts (they may embed
 * credentials) and webhook headers (they usually carry the receiver's credentials). The
 * field name stays, so "which fields changed" is still answered; its value does not.
 */
const SECRET_NAMES = new Set([
  'code',
  'codeverifier',
  'script',
  'environmentvariables',
  'headers',
  'authorization',
  'cookie',
  'jwk',
  'signingkey',
  'privatejwk',
]);
// Any name ending in a password, secret, token or hash, but not a flag about one (`hasPassword`).
const SECRET_SUFFIX = /^(?!has|is)\w*(password|passphrase|secret|token|hash|privatekey)$/i;
const isSecretField = (key: string) => SECRET_NAMES.has(key.toLowerCase().replace(/[_-]/g, '')) || SECRET_SUFFIX.test(key);

export const REDACTED = '[redacted]';

export function redact(value: unknown, depth = 0): unknown {
  if (depth > 8) return REDACTED;
  if (Array.isArray(value)) return value.map((item) => redact(item, depth + 1));
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [key, inner] of Object.entries(value)) {
      out[key] = isSecretField(key) ? (inner === undefined || inner === null ? inner : REDACTED) : redact(inner, depth + 1);
    }
    return out;
  }
  return value;
}

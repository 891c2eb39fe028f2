import { createHmac, randomBytes } from 'node:crypto';

/*
 * Webhook signatures. One secret per hook, `whsec_` + base64 of 32 random bytes (the Standard
 * Webhooks format), keys both headers:
 * - `logto-signature-sha-256`: hex HMAC-SHA256 of the exact body, keyed with the whole secret
 *   string as UTF-8 (what Logto receivers compute with their copy of the signing key);
 * - `webhook-signature`: `v1,<base64 HMAC-SHA256 of "<webhook-id>.<webhook-timestamp>.<body>">`,
 *   keyed with the base64-decoded bytes after `whsec_` (Standard Webhooks), so receivers can
 *   refuse replays (the timestamp is signed) and deduplicate (the id is stable across retries).
 */
const SECRET_PREFIX = 'whsec_';

export function newSigningKey(): string {
  return `${SECRET_PREFIX}${randomBytes(32).toString('base64')}`;
}

function logtoSignature(signingKey: string, body: string): string {
  return createHmac('sha256', signingKey).update(body).digest('hex');
}

function standardSignature(signingKey: string, id: string, timestampSeconds: number, body: string): string {
  const key = signingKey.startsWith(SECRET_PREFIX)
    ? Buffer.from(signingKey.slice(SECRET_PREFIX.length), 'base64')
    : Buffer.from(signingKey);
  return `v1,${createHmac('sha256', key).update(`${id}.${timestampSeconds}.${body}`).digest('base64')}`;
}

export function signedHeaders(signingKey: string, id: string, body: string, now = Date.now()): Record<string, string> {
  const timestamp = Math.floor(now / 1000);
  return {
    'logto-signature-sha-256': logtoSignature(signingKey, body),
    'webhook-id': id,
    'webhook-timestamp': String(timestamp),
    'webhook-signature': standardSignature(signingKey, id, timestamp, body),
  };
}

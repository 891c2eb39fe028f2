import { Secret, TOTP } from 'otpauth';
import QRCode from 'qrcode';

/*
 * RFC 6238 through otpauth: SHA-1, 6 digits, 30 s, as every authenticator app expects. A code
 * is accepted in the step before, during and after its own (window 1, Logto's), and the caller
 * remembers the step it matched so the same code, or an older one, is refused afterwards.
 */
const PERIOD = 30;

const totpOf = (secret: string, label = 'user', issuer = 'Gatehouse') =>
  new TOTP({ issuer, label, algorithm: 'SHA1', digits: 6, period: PERIOD, secret: Secret.fromBase32(secret) });

/** A new 160-bit secret (RFC 4226's recommended size), base32 as Logto returns it. */
export function newTotpSecret(): string {
  return new Secret({ size: 20 }).base32;
}

/** The otpauth:// URI an authenticator app scans. */
export function totpKeyUri(secret: string, label: string, issuer: string): string {
  return totpOf(secret, label, issuer).toString();
}

/**
 * The URI as a QR code, an SVG data URL (Logto's `secretQrCode`). Rendered here, so the hosted
 * page shows it as an <img> under its strict CSP (img-src data:) with no script.
 */
export async function totpQrCode(uri: string): Promise<string> {
  const svg = await QRCode.toString(uri, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
  return `data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}`;
}

/** The time step a 6-digit `code` belongs to (within ±1 step of `now`), or undefined when it matches none. */
export function matchTotpStep(secret: string, code: string, now = Date.now()): number | undefined {
  if (!/^\d{6}$/.test(code)) return undefined;
  const totp = totpOf(secret);
  const delta = totp.validate({ token: code, timestamp: now, window: 1 });
  return delta === null ? undefined : totp.counter({ timestamp: now }) + delta;
}

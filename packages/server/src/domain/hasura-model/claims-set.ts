/**
 * The registered claims as jose decodes them *before* the signature is checked
 * (HASURA.md §3.6 step 2). A type error here rejects the token as `JWTClaimsSetDecodeError`.
 */
import { aesonKeyPath, aesonMismatch } from './errors.ts';

const REGISTERED_CLAIMS = ['iss', 'sub', 'aud', 'exp', 'nbf', 'iat', 'jti'] as const;

export interface ClaimsSet {
  iss?: string;
  sub?: string;
  /** Normalised to a list; `wasArray` keeps how the token wrote it. */
  aud?: { values: string[]; wasArray: boolean };
  exp?: number;
  nbf?: number;
  iat?: number;
  jti?: string;
  /** Every claim but the seven registered ones. */
  unregistered: Record<string, unknown>;
}

/**
 * network-uri's `parseURI` accepts an absolute RFC 3986 URI. This regex is an approximation
 * of that parser (HASURA.md §8), good enough to tell `urn:x` from `not a uri:`.
 */
const ABSOLUTE_URI = /^[A-Za-z][A-Za-z0-9+.-]*:(?:[A-Za-z0-9\-._~!$&'()*+,;=:@/?#[\]]|%[0-9A-Fa-f]{2})*$/;

/** jose's StringOrURI: any string, but one containing `:` must be a URI. */
export function stringOrUriError(value: unknown): string | undefined {
  if (typeof value !== 'string') return aesonMismatch('StringOrURI', 'String', value);
  if (value.includes(':') && !ABSOLUTE_URI.test(value)) return 'not a URI';
  return undefined;
}

export type ClaimsSetDecode = { ok: true; claims: ClaimsSet } | { ok: false; message: string };

/** Decodes a parsed JWT payload; the error text is aeson's `eitherDecode` text. */
export function decodeClaimsSet(payload: unknown): ClaimsSetDecode {
  if (payload === null || typeof payload !== 'object' || Array.isArray(payload)) {
    return { ok: false, message: `Error in $: ${aesonMismatch('JWT Claims Set', 'Object', payload)}` };
  }
  const object = payload as Record<string, unknown>;
  const at = (key: string, detail: string): ClaimsSetDecode => ({ ok: false, message: `Error in $${aesonKeyPath(key)}: ${detail}` });
  // `null` counts as absent, as with aeson's `.:?`.
  const present = (key: string): boolean => object[key] !== undefined && object[key] !== null;
  const claims: ClaimsSet = { unregistered: {} };

  for (const key of ['iss', 'sub'] as const) {
    if (!present(key)) continue;
    const error = stringOrUriError(object[key]);
    if (error) return at(key, error);
    claims[key] = object[key] as string;
  }
  if (present('aud')) {
    const aud = object.aud;
    if (Array.isArray(aud)) {
      // jose tries a list first, then a single value; aeson reports the last alternative's error.
      if (aud.some((value) => stringOrUriError(value) !== undefined)) return at('aud', aesonMismatch('StringOrURI', 'String', aud));
      claims.aud = { values: aud as string[], wasArray: true };
    } else {
      const error = stringOrUriError(aud);
      if (error) return at('aud', error);
      claims.aud = { values: [aud as string], wasArray: false };
    }
  }
  for (const key of ['exp', 'nbf', 'iat'] as const) {
    if (!present(key)) continue;
    if (typeof object[key] !== 'number') return at(key, aesonMismatch('NumericDate', 'Number', object[key]));
    claims[key] = object[key];
  }
  if (present('jti')) {
    if (typeof object.jti !== 'string') return at('jti', aesonMismatch('Text', 'String', object.jti));
    claims.jti = object.jti;
  }
  for (const [key, value] of Object.entries(object)) {
    if (!(REGISTERED_CLAIMS as readonly string[]).includes(key)) claims.unregistered[key] = value;
  }
  return { ok: true, claims };
}

/**
 * The claims set re-encoded as jose's `ToJSON` writes it, which is what `claims_map` paths
 * run against (§3.8): a one-element `aud` list comes back as a plain string.
 */
export function reencodeClaimsSet(claims: ClaimsSet): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (claims.iss !== undefined) out.iss = claims.iss;
  if (claims.sub !== undefined) out.sub = claims.sub;
  if (claims.aud !== undefined) out.aud = claims.aud.values.length === 1 ? claims.aud.values[0] : claims.aud.values;
  if (claims.exp !== undefined) out.exp = claims.exp;
  if (claims.nbf !== undefined) out.nbf = claims.nbf;
  if (claims.iat !== undefined) out.iat = claims.iat;
  if (claims.jti !== undefined) out.jti = claims.jti;
  return { ...out, ...claims.unregistered };
}

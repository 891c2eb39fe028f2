/**
 * Key material as Hasura holds it: the `key` of HASURA_GRAPHQL_JWT_SECRET (HASURA.md §2.3–2.4)
 * or the JWKS behind `jwk_url` (§2.13), and which JWS algorithms each key can verify (§2.5).
 *
 * node:crypto is used only to classify and load keys; nothing here does I/O.
 */
import { createPublicKey, type KeyObject } from 'node:crypto';

type EcCurve = 'P-256' | 'P-384' | 'P-521' | 'secp256k1';
type OkpCurve = 'Ed25519' | 'Ed448' | 'X25519' | 'X448';

export type VerificationKey =
  | { kind: 'oct'; secret: Uint8Array; kid?: string }
  | { kind: 'rsa'; key: KeyObject; kid?: string }
  | { kind: 'ec'; curve: EcCurve; key: KeyObject; kid?: string }
  | { kind: 'okp'; curve: OkpCurve; key: KeyObject; kid?: string };

export type KeyParse = { ok: true; key: VerificationKey } | { ok: false; message: string };

/** Algorithms jose's compact parser knows; any other `alg` is a header decode error (§3.6 step 1). */
export const KNOWN_JWS_ALGS: ReadonlySet<string> = new Set([
  'HS256',
  'HS384',
  'HS512',
  'RS256',
  'RS384',
  'RS512',
  'PS256',
  'PS384',
  'PS512',
  'ES256',
  'ES384',
  'ES512',
  'ES256K',
  'EdDSA',
  'none',
]);

/** Known but outside jose's default validation set, so never verified (§2.6). */
export const UNACCEPTED_JWS_ALGS: ReadonlySet<string> = new Set(['none', 'ES256K']);

/** Does `alg` fit this key? `type` in the config plays no part (§2.5). */
export function algFitsKey(alg: string, key: VerificationKey): boolean {
  switch (key.kind) {
    case 'oct':
      return alg === 'HS256' || alg === 'HS384' || alg === 'HS512';
    case 'rsa':
      return /^(RS|PS)(256|384|512)$/.test(alg);
    case 'ec':
      return (
        (alg === 'ES256' && key.curve === 'P-256') ||
        (alg === 'ES384' && key.curve === 'P-384') ||
        (alg === 'ES512' && key.curve === 'P-521')
      );
    case 'okp':
      return alg === 'EdDSA' && (key.curve === 'Ed25519' || key.curve === 'Ed448');
  }
}

/** `HS*` keys are the raw UTF-8 bytes of the string, never base64-decoded (§2.3). */
export function parseHmacKey(raw: string, bits: 256 | 384 | 512): KeyParse {
  const secret = new TextEncoder().encode(raw);
  const minimum = bits / 8;
  if (secret.length < minimum) {
    return { ok: false, message: `Invalid JWK: Key size too small; should be atleast ${minimum} characters` };
  }
  return { ok: true, key: { kind: 'oct', secret } };
}

const NIST_CURVES: Record<string, EcCurve> = {
  prime256v1: 'P-256',
  secp384r1: 'P-384',
  secp521r1: 'P-521',
  secp256k1: 'secp256k1',
};

/**
 * A PEM public key (PKCS#1, SPKI) or X.509 certificate; only the first PEM block counts and
 * private keys are refused (§2.4). The "Could not decode PEM" detail is jose/x509 text we
 * only approximate.
 */
export function parsePemPublicKey(raw: string): KeyParse {
  const block = /-----BEGIN ([^-\r\n]+)-----[\s\S]*?-----END \1-----/.exec(raw);
  const fail = (detail: string): KeyParse => ({ ok: false, message: `Invalid JWK: Could not decode PEM: ${detail}` });
  if (!block) return fail('No pem found No pem found');
  const label = block[1];
  if (/PRIVATE/.test(label)) return fail(`a ${label} is not a public key or certificate`);
  let key: KeyObject;
  try {
    key = createPublicKey({ key: block[0], format: 'pem' });
  } catch (error) {
    return fail(error instanceof Error ? error.message : String(error));
  }
  return classifyKeyObject(key) ?? fail('This key type is not supported');
}

function classifyKeyObject(key: KeyObject, kid?: string): KeyParse | undefined {
  const withKid = <T extends object>(value: T): T => (kid === undefined ? value : { ...value, kid });
  switch (key.asymmetricKeyType) {
    case 'rsa':
      return { ok: true, key: withKid({ kind: 'rsa', key }) };
    case 'ec': {
      const curve = NIST_CURVES[key.asymmetricKeyDetails?.namedCurve ?? ''];
      return curve ? { ok: true, key: withKid({ kind: 'ec', curve, key }) } : undefined;
    }
    case 'ed25519':
      return { ok: true, key: withKid({ kind: 'okp', curve: 'Ed25519', key }) };
    case 'ed448':
      return { ok: true, key: withKid({ kind: 'okp', curve: 'Ed448', key }) };
    case 'x25519':
      return { ok: true, key: withKid({ kind: 'okp', curve: 'X25519', key }) };
    case 'x448':
      return { ok: true, key: withKid({ kind: 'okp', curve: 'X448', key }) };
    default:
      return undefined;
  }
}

/** Unpadded base64url (RFC 7515 §2): JWS parts and JWK members. */
export const BASE64URL = /^[A-Za-z0-9_-]*$/;
const b64 = (value: unknown): value is string => typeof value === 'string' && BASE64URL.test(value);

/**
 * A JWK Set as Hasura parses it: all or nothing, one bad member fails the set (§2.13).
 * Parameters that only restrict use (`use`, `alg`, `key_ops`) are ignored on purpose:
 * Hasura tries every key, whatever the token's header says (§3.6 step 5).
 */
export function parseJwks(jwks: unknown): { ok: true; keys: VerificationKey[] } | { ok: false; message: string } {
  if (jwks === null || typeof jwks !== 'object' || Array.isArray(jwks)) {
    return { ok: false, message: 'a JWK Set must be an object with a "keys" array' };
  }
  const members = (jwks as { keys?: unknown }).keys;
  if (!Array.isArray(members)) return { ok: false, message: 'a JWK Set must have a "keys" array' };
  const keys: VerificationKey[] = [];
  for (const [index, member] of members.entries()) {
    const parsed = parseJwk(member);
    if (!parsed.ok) return { ok: false, message: `keys[${index}]: ${parsed.message}` };
    keys.push(parsed.key);
  }
  return { ok: true, keys };
}

function parseJwk(member: unknown): KeyParse {
  if (member === null || typeof member !== 'object' || Array.isArray(member)) {
    return { ok: false, message: 'a JWK must be an object' };
  }
  const jwk = member as Record<string, unknown>;
  const kid = typeof jwk.kid === 'string' ? jwk.kid : undefined;
  if (jwk.use !== undefined && jwk.use !== 'sig' && jwk.use !== 'enc') {
    return { ok: false, message: `unknown "use" ${JSON.stringify(jwk.use)}` };
  }
  let material: Record<string, string>;
  switch (jwk.kty) {
    case 'oct':
      if (!b64(jwk.k)) return { ok: false, message: 'an oct JWK needs "k"' };
      return { ok: true, key: { kind: 'oct', secret: new Uint8Array(Buffer.from(jwk.k, 'base64url')), ...(kid ? { kid } : {}) } };
    case 'RSA':
      if (!b64(jwk.n) || !b64(jwk.e)) return { ok: false, message: 'an RSA JWK needs "n" and "e"' };
      material = { kty: 'RSA', n: jwk.n, e: jwk.e };
      break;
    case 'EC':
      if (typeof jwk.crv !== 'string' || !b64(jwk.x) || !b64(jwk.y)) {
        return { ok: false, message: 'an EC JWK needs "crv", "x" and "y"' };
      }
      material = { kty: 'EC', crv: jwk.crv, x: jwk.x, y: jwk.y };
      break;
    case 'OKP':
      if (typeof jwk.crv !== 'string' || !b64(jwk.x)) return { ok: false, message: 'an OKP JWK needs "crv" and "x"' };
      material = { kty: 'OKP', crv: jwk.crv, x: jwk.x };
      break;
    default:
      return { ok: false, message: `unsupported "kty" ${JSON.stringify(jwk.kty)}` };
  }
  let key: KeyObject;
  try {
    key = createPublicKey({ key: material, format: 'jwk' });
  } catch (error) {
    return { ok: false, message: error instanceof Error ? error.message : String(error) };
  }
  return classifyKeyObject(key, kid) ?? { ok: false, message: 'unsupported key' };
}

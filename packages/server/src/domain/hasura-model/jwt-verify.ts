/**
 * jose's verification of one candidate token, in hs-jose's order (HASURA.md §3.6):
 * compact decode → payload decode → alg → keys → signature (every key tried, `kid` ignored)
 * → exp → iat → nbf → iss → aud.
 *
 * panva/jose only checks the signature; the ordering and every message are Hasura's.
 */
import { compactVerify } from 'jose';
import { type ClaimsSet, decodeClaimsSet } from './claims-set.ts';
import { haskellShowString, type HasuraRejected, reject } from './errors.ts';
import type { JwtConfig } from './jwt-config.ts';
import { algFitsKey, BASE64URL, KNOWN_JWS_ALGS, UNACCEPTED_JWS_ALGS, type VerificationKey } from './jwt-keys.ts';
import { isoTime, type Tracer } from './trace.ts';

export type VerifyResult = { ok: true; claims: ClaimsSet } | { ok: false; decision: HasuraRejected };

const invalid = (detail: string, step: HasuraRejected['step'], approximate = false): VerifyResult => ({
  ok: false,
  decision: reject(400, 'invalid-jwt', `Could not verify JWT: ${detail}`, step, approximate),
});

function decodePart(part: string): Uint8Array | undefined {
  // Unpadded base64url only, as jose's Base64Octets; a length of 4n+1 cannot be valid.
  if (!BASE64URL.test(part) || part.length % 4 === 1) return undefined;
  return new Uint8Array(Buffer.from(part, 'base64url'));
}

function parseJson(bytes: Uint8Array): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes)) };
  } catch {
    return { ok: false };
  }
}

function joseKey(key: VerificationKey) {
  return key.kind === 'oct' ? key.secret : key.key;
}

async function signatureVerifies(token: string, alg: string, key: VerificationKey): Promise<boolean> {
  try {
    await compactVerify(token, joseKey(key), { algorithms: [alg] });
    return true;
  } catch {
    return false;
  }
}

export async function verifyJwt(
  token: string,
  config: JwtConfig,
  keys: VerificationKey[],
  now: number,
  tracer: Tracer,
): Promise<VerifyResult> {
  // 1. Compact decode. These texts depend on jose internals (HASURA.md §8).
  const parts = token.split('.');
  if (parts.length !== 3) {
    return invalid(`JWSError (CompactDecodeError Invalid number of parts: Expected 3 parts; got ${parts.length})`, 'decode', true);
  }
  const [headerBytes, payloadBytes, signatureBytes] = parts.map(decodePart);
  if (!headerBytes || !payloadBytes || !signatureBytes) {
    return invalid('JWSError (CompactDecodeError Invalid base64url encoding)', 'decode', true);
  }
  const header = parseJson(headerBytes);
  if (!header.ok || header.value === null || typeof header.value !== 'object' || Array.isArray(header.value)) {
    return invalid('JWSError (JSONDecodeError "Error in $: the JOSE header is not a JSON object")', 'decode', true);
  }
  const headerObject = header.value as Record<string, unknown>;
  tracer.facts.header = headerObject;
  const alg = headerObject.alg;
  if (typeof alg !== 'string' || !KNOWN_JWS_ALGS.has(alg)) {
    return invalid(`JWSError (JSONDecodeError "Error in $.alg: unknown algorithm ${String(alg)}")`, 'decode', true);
  }
  tracer.pass('decode', `a compact JWS with alg ${alg}${typeof headerObject.kid === 'string' ? `, kid ${headerObject.kid}` : ''}`);

  // 2. The payload is decoded before any signature is checked.
  const payload = parseJson(payloadBytes);
  if (!payload.ok) {
    return invalid(
      `JWTClaimsSetDecodeError ${haskellShowString('Error in $: Failed reading: not a valid json value')}`,
      'claims-decode',
      true,
    );
  }
  if (payload.value !== null && typeof payload.value === 'object' && !Array.isArray(payload.value)) {
    tracer.facts.payload = payload.value as Record<string, unknown>;
  }
  const decoded = decodeClaimsSet(payload.value);
  if (!decoded.ok) return invalid(`JWTClaimsSetDecodeError ${haskellShowString(decoded.message)}`, 'claims-decode');
  const claims = decoded.claims;
  tracer.facts.claims = claims;
  tracer.pass('claims-decode', 'the registered claims (iss sub aud exp nbf iat jti) have valid types');

  // 3–5. Algorithm, keys, signature.
  if (UNACCEPTED_JWS_ALGS.has(alg)) return invalid('JWSError JWSNoSignatures', 'alg');
  tracer.pass('alg', `${alg} is in jose's default algorithm set`);
  if (keys.length === 0) return invalid('JWSError NoUsableKeys', 'keys');
  const fitting = keys.filter((key) => algFitsKey(alg, key));
  tracer.facts.keysFittingAlg = fitting.length;
  tracer.facts.keyKinds = keys.map((key) => (key.kind === 'ec' || key.kind === 'okp' ? `${key.kind}:${key.curve}` : key.kind));
  tracer.facts.kidInKeys = typeof headerObject.kid === 'string' && keys.some((key) => key.kid === headerObject.kid);
  const kidNote =
    typeof headerObject.kid === 'string'
      ? `; kid ${headerObject.kid} is ${tracer.facts.kidInKeys ? '' : 'not '}among them (Hasura ignores kid and tries every key)`
      : '';
  tracer.pass('keys', `${keys.length} key(s) configured, ${fitting.length} fit ${alg}${kidNote}`);
  let verifiedWith: VerificationKey | undefined;
  for (const key of fitting) {
    if (await signatureVerifies(token, alg, key)) {
      verifiedWith = key;
      break;
    }
  }
  if (!verifiedWith) return invalid('JWSError JWSInvalidSignature', 'signature');
  tracer.pass('signature', `verified with a ${verifiedWith.kind} key${verifiedWith.kid ? ` (kid ${verifiedWith.kid})` : ''}`);

  // 6–10. Claims validation; the skew is already abs()-ed in the config.
  const skew = config.allowedSkew;
  if (claims.exp !== undefined) {
    if (!(now < claims.exp + skew)) return invalid('JWTExpired', 'exp');
    tracer.pass('exp', `expires at ${isoTime(claims.exp)} (in ${Math.round(claims.exp - now)} s${skew ? `, skew ${skew} s` : ''})`);
  } else {
    tracer.pass('exp', 'no exp: the token never expires');
  }
  if (claims.iat !== undefined && claims.iat > now + skew) return invalid('JWTIssuedAtFuture', 'iat');
  tracer.pass('iat', claims.iat === undefined ? 'no iat' : `issued at ${isoTime(claims.iat)}`);
  if (claims.nbf !== undefined && !(now >= claims.nbf - skew)) return invalid('JWTNotYetValid', 'nbf');
  tracer.pass('nbf', claims.nbf === undefined ? 'no nbf' : `valid from ${isoTime(claims.nbf)}`);
  if (config.issuer !== undefined && claims.iss !== undefined && claims.iss !== config.issuer) {
    return invalid('JWTNotInIssuer', 'issuer');
  }
  if (claims.aud !== undefined) {
    const audience = config.audience;
    // `aud: []` never passes: jose requires at least one accepted value.
    if (!claims.aud.values.some((value) => audience === undefined || audience.includes(value))) {
      return invalid('JWTNotInAudience', 'audience');
    }
    tracer.pass(
      'audience',
      `aud ${JSON.stringify(claims.aud.values)} ${audience ? `matches ${JSON.stringify(audience)}` : '(no audience configured: any passes)'}`,
    );
  } else {
    tracer.pass('audience', audience(config));
  }
  return { ok: true, claims };
}

function audience(config: JwtConfig): string {
  return config.audience
    ? 'the token has no aud, which Hasura accepts even though audience is configured'
    : 'no aud and no audience configured';
}

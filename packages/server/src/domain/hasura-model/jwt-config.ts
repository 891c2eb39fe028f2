/**
 * HASURA_GRAPHQL_JWT_SECRET as Hasura v2 parses it at startup (HASURA.md §2; `FromJSON JWTConfig`).
 * Anything refused here is a fatal startup error in Hasura: the server does not start.
 *
 * Fields are read in Hasura's order, so the first error reported is the one Hasura reports.
 */
import { type ClaimsMapConfig, type ConfigFieldError, parseClaimsMap } from './claims-map-config.ts';
import { stringOrUriError } from './claims-set.ts';
import { aesonMismatch } from './errors.ts';
import { type JsonPath, parseJsonPath } from './json-path.ts';
import { parseHmacKey, parsePemPublicKey, type VerificationKey } from './jwt-keys.ts';

export const DEFAULT_CLAIMS_NAMESPACE = 'https://hasura.io/jwt/claims';

const JWT_SECRET_KEY_TYPES = ['HS256', 'HS384', 'HS512', 'RS256', 'RS384', 'RS512', 'Ed25519', 'ES256', 'ES384', 'ES512'] as const;
type JwtSecretKeyType = (typeof JWT_SECRET_KEY_TYPES)[number];

export type JwtHeaderConfig = { type: 'Authorization' } | { type: 'Cookie'; name: string } | { type: 'CustomHeader'; name: string };

type JwtKeySource = { kind: 'key'; type: JwtSecretKeyType; key: VerificationKey } | { kind: 'jwk_url'; url: string };

export type JwtClaimsConfig =
  | { mode: 'namespace'; namespace: string; format: 'json' | 'stringified_json' }
  | { mode: 'namespace-path'; path: JsonPath; pathText: string; format: 'json' | 'stringified_json' }
  | { mode: 'map'; map: ClaimsMapConfig };

export interface JwtConfig {
  source: JwtKeySource;
  /** Normalised to a list; absent means any `aud` passes. */
  audience?: string[];
  issuer?: string;
  claims: JwtClaimsConfig;
  /** Seconds, already `abs()`-ed as jose does; 0 when not set. */
  allowedSkew: number;
  header: JwtHeaderConfig;
}

export interface JwtSecretError {
  message: string;
  /** Where in the JSON the problem is, aeson style (`$`, `$.audience`). */
  path: string;
  /** Set when the text comes from jose/x509/aeson internals we only approximate. */
  approximate?: true;
}

export type JwtSecretParse = { ok: true; config: JwtConfig } | { ok: false; error: JwtSecretError };

const fail = (message: string, path = '$', approximate = false): JwtSecretParse => ({
  ok: false,
  error: approximate ? { message, path, approximate: true } : { message, path },
});
const fromField = (error: ConfigFieldError): JwtSecretParse => fail(error.message, error.path);

export function parseJwtSecret(input: string | object): JwtSecretParse {
  let raw: unknown = input;
  if (typeof input === 'string') {
    try {
      raw = JSON.parse(input);
    } catch (error) {
      return fail(`not valid JSON: ${error instanceof Error ? error.message : String(error)}`, '$', true);
    }
  }
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) return fail(aesonMismatch('JWTConfig', 'Object', raw));
  const o = raw as Record<string, unknown>;
  // aeson's `.:?` treats null as absent.
  const get = (key: string): unknown => (o[key] === null ? undefined : o[key]);
  const text = (key: string): JwtSecretParse | undefined =>
    get(key) !== undefined && typeof get(key) !== 'string' ? fail(aesonMismatch('Text', 'String', get(key)), `$.${key}`) : undefined;

  const early = text('key') ?? text('claims_namespace') ?? text('claims_namespace_path');
  if (early) return early;

  let audience: string[] | undefined;
  const rawAudience = get('audience');
  if (rawAudience !== undefined) {
    const list = Array.isArray(rawAudience) ? rawAudience : [rawAudience];
    const bad = list.map(stringOrUriError).find((error) => error !== undefined);
    if (bad) return fail(Array.isArray(rawAudience) ? aesonMismatch('StringOrURI', 'String', rawAudience) : bad, '$.audience');
    audience = list as string[];
  }
  const rawIssuer = get('issuer');
  if (rawIssuer !== undefined) {
    const bad = stringOrUriError(rawIssuer);
    if (bad) return fail(bad, '$.issuer');
  }
  const rawUrl = get('jwk_url');
  if (rawUrl !== undefined && !isAbsoluteUrl(rawUrl)) {
    return fail(typeof rawUrl === 'string' ? 'not a URI' : aesonMismatch('URI', 'String', rawUrl), '$.jwk_url');
  }
  const rawFormat = get('claims_format') ?? 'json';
  if (rawFormat !== 'json' && rawFormat !== 'stringified_json') {
    return fail(
      typeof rawFormat === 'string'
        ? `parsing JWTClaimsFormat failed, expected one of the tags ["json","stringified_json"], but found tag ${JSON.stringify(rawFormat)}`
        : aesonMismatch('JWTClaimsFormat', 'String', rawFormat),
      '$.claims_format',
      true,
    );
  }
  let claimsMap: ClaimsMapConfig | undefined;
  if (get('claims_map') !== undefined) {
    const parsed = parseClaimsMap(get('claims_map'));
    if (!parsed.ok) return fromField(parsed.error);
    claimsMap = parsed.value;
  }
  const rawSkew = get('allowed_skew');
  if (rawSkew !== undefined && typeof rawSkew !== 'number') {
    return fail(aesonMismatch('NominalDiffTime', 'Number', rawSkew), '$.allowed_skew');
  }
  const header = parseHeader(get('header'));
  if ('error' in header) return fromField(header.error);

  // The namespace is checked even when claims_map makes it irrelevant (§2.7, §2.9).
  const ns = get('claims_namespace') as string | undefined;
  const nsPath = get('claims_namespace_path') as string | undefined;
  if (ns !== undefined && nsPath !== undefined) return fail('claims_namespace and claims_namespace_path both cannot be set');
  let claims: JwtClaimsConfig = { mode: 'namespace', namespace: ns ?? DEFAULT_CLAIMS_NAMESPACE, format: rawFormat };
  if (nsPath !== undefined) {
    const path = parseJsonPath(nsPath);
    if (!path.ok) return fail(`invalid JSON path claims_namespace_path error: ${path.message}`);
    claims = { mode: 'namespace-path', path: path.path, pathText: nsPath, format: rawFormat };
  }
  if (claimsMap) claims = { mode: 'map', map: claimsMap };

  const rawKey = get('key') as string | undefined;
  if (rawKey === undefined && rawUrl === undefined) return fail('key and jwk_url both cannot be empty');
  if (rawKey !== undefined && rawUrl !== undefined) return fail('key, jwk_url both cannot be present');
  let source: JwtKeySource;
  if (rawKey !== undefined) {
    const type = get('type');
    if (type === undefined) return fail('key "type" not found');
    if (typeof type !== 'string') return fail(aesonMismatch('Text', 'String', type), '$.type');
    if (!(JWT_SECRET_KEY_TYPES as readonly string[]).includes(type)) return fail(`Invalid JWK: Key type: ${type} is not supported`);
    const key = type.startsWith('HS') ? parseHmacKey(rawKey, Number(type.slice(2)) as 256 | 384 | 512) : parsePemPublicKey(rawKey);
    if (!key.ok) return fail(key.message, '$', key.message.includes('Could not decode PEM'));
    source = { kind: 'key', type: type as JwtSecretKeyType, key: key.key };
  } else {
    source = { kind: 'jwk_url', url: rawUrl as string };
  }

  const config: JwtConfig = { source, claims, allowedSkew: Math.abs(rawSkew ?? 0), header: header.value };
  if (audience) config.audience = audience;
  if (rawIssuer !== undefined) config.issuer = rawIssuer as string;
  return { ok: true, config };
}

function isAbsoluteUrl(value: unknown): boolean {
  if (typeof value !== 'string') return false;
  try {
    return new URL(value).protocol.length > 1 && !/\s/.test(value);
  } catch {
    return false;
  }
}

/** `type` matches case-insensitively; CustomHeader is current master (§2.12). */
function parseHeader(raw: unknown): { value: JwtHeaderConfig } | { error: ConfigFieldError } {
  if (raw === undefined) return { value: { type: 'Authorization' } };
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    return { error: { message: aesonMismatch('JWTHeader', 'Object', raw), path: '$.header' } };
  }
  const header = raw as Record<string, unknown>;
  if (header.type === undefined) return { error: { message: 'key "type" not found', path: '$.header' } };
  if (typeof header.type !== 'string') return { error: { message: aesonMismatch('Text', 'String', header.type), path: '$.header.type' } };
  const type = header.type.toLowerCase();
  if (type === 'authorization') return { value: { type: 'Authorization' } };
  if (type !== 'cookie' && type !== 'customheader') {
    return { error: { message: "expected 'type' is 'Authorization' or 'Cookie' or 'CustomHeader'", path: '$.header' } };
  }
  if (header.name === undefined) return { error: { message: 'key "name" not found', path: '$.header' } };
  if (typeof header.name !== 'string') return { error: { message: aesonMismatch('Text', 'String', header.name), path: '$.header.name' } };
  return { value: type === 'cookie' ? { type: 'Cookie', name: header.name } : { type: 'CustomHeader', name: header.name } };
}

import { generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { parseJwtSecret } from './jwt-config.ts';

const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 });
const ed = generateKeyPairSync('ed25519');
const pem = (key: { export(options: object): string | Buffer }, type: string) => key.export({ format: 'pem', type }).toString();

const error = (secret: string | object) => {
  const parsed = parseJwtSecret(secret);
  return parsed.ok ? undefined : parsed.error;
};

describe('parseJwtSecret (Hasura startup checks)', () => {
  it.each<[string, object, { message: string; path?: string }]>([
    [
      'key and jwk_url together',
      { type: 'HS256', key: 'k'.repeat(32), jwk_url: 'https://a/jwks' },
      { message: 'key, jwk_url both cannot be present' },
    ],
    ['neither key nor jwk_url', { audience: 'x' }, { message: 'key and jwk_url both cannot be empty' }],
    ['a key without type', { key: 'k'.repeat(32) }, { message: 'key "type" not found' }],
    ['EdDSA as type', { type: 'EdDSA', key: 'k' }, { message: 'Invalid JWK: Key type: EdDSA is not supported' }],
    [
      'a 31-byte HS256 key',
      { type: 'HS256', key: 'k'.repeat(31) },
      { message: 'Invalid JWK: Key size too small; should be atleast 32 characters' },
    ],
    [
      'a 47-byte HS384 key',
      { type: 'HS384', key: 'k'.repeat(47) },
      { message: 'Invalid JWK: Key size too small; should be atleast 48 characters' },
    ],
    [
      'namespace and namespace path',
      { jwk_url: 'https://a/jwks', claims_namespace: 'a', claims_namespace_path: '$.a' },
      { message: 'claims_namespace and claims_namespace_path both cannot be set' },
    ],
    [
      'an unknown header type',
      { jwk_url: 'https://a/jwks', header: { type: 'Query' } },
      { message: "expected 'type' is 'Authorization' or 'Cookie' or 'CustomHeader'", path: '$.header' },
    ],
    [
      'a cookie header without name',
      { jwk_url: 'https://a/jwks', header: { type: 'Cookie' } },
      { message: 'key "name" not found', path: '$.header' },
    ],
    [
      'a numeric issuer',
      { jwk_url: 'https://a/jwks', issuer: 1 },
      { message: 'parsing StringOrURI failed, expected String, but encountered Number', path: '$.issuer' },
    ],
    [
      'an audience list with a number',
      { jwk_url: 'https://a/jwks', audience: ['a', 2] },
      { message: 'parsing StringOrURI failed, expected String, but encountered Array', path: '$.audience' },
    ],
    [
      'allowed_skew as text',
      { jwk_url: 'https://a/jwks', allowed_skew: '30' },
      { message: 'parsing NominalDiffTime failed, expected Number, but encountered String', path: '$.allowed_skew' },
    ],
    [
      'claims_map without allowed roles',
      { jwk_url: 'https://a/jwks', claims_map: { 'x-hasura-default-role': 'u' } },
      { message: 'x-hasura-allowed-roles is expected but not found' },
    ],
    [
      'claims_map without default role',
      { jwk_url: 'https://a/jwks', claims_map: { 'x-hasura-allowed-roles': ['u'] } },
      { message: 'x-hasura-default-role is expected but not found' },
    ],
    [
      'claims_map with an empty role name',
      { jwk_url: 'https://a/jwks', claims_map: { 'x-hasura-allowed-roles': ['u', ''], 'x-hasura-default-role': 'u' } },
      { message: 'empty string not allowed', path: "$.claims_map['x-hasura-allowed-roles'][1]" },
    ],
    [
      'claims_map with a bad path',
      { jwk_url: 'https://a/jwks', claims_map: { 'x-hasura-allowed-roles': { path: '$.a b' }, 'x-hasura-default-role': 'u' } },
      {
        message:
          '$.a b. Accept letters, digits, underscore (_) or hyphen (-) only. Use quotes enclosed in bracket (["..."]) if there is any special character',
      },
    ],
    [
      'a numeric claims_map variable',
      { jwk_url: 'https://a/jwks', claims_map: { 'x-hasura-allowed-roles': ['u'], 'x-hasura-default-role': 'u', 'x-hasura-org': 1 } },
      { message: 'parsing Text failed, expected String, but encountered Number' },
    ],
  ])('refuses %s', (_name, secret, expected) => {
    expect(error(secret)).toMatchObject(expected);
  });

  it('refuses a private key PEM but accepts its public key, a PKCS#1 key and an Ed25519 key', () => {
    expect(error({ type: 'RS256', key: pem(rsa.privateKey, 'pkcs8') })?.message).toMatch(/^Invalid JWK: Could not decode PEM: /);
    expect(error({ type: 'RS256', key: pem(rsa.publicKey, 'spki') })).toBeUndefined();
    expect(error({ type: 'RS512', key: pem(rsa.publicKey, 'pkcs1') })).toBeUndefined();
    expect(error({ type: 'Ed25519', key: pem(ed.publicKey, 'spki') })).toBeUndefined();
  });

  it('reads the defaults Gatehouse relies on', () => {
    const parsed = parseJwtSecret(
      '{"jwk_url":"http://gatehouse:3001/oidc/jwks","issuer":"http://localhost:3001/oidc","audience":"https://hasura.example.com/api","allowed_skew":-5,"header":{"type":"AUTHORIZATION"}}',
    );
    expect(parsed).toMatchObject({
      ok: true,
      config: {
        source: { kind: 'jwk_url', url: 'http://gatehouse:3001/oidc/jwks' },
        issuer: 'http://localhost:3001/oidc',
        audience: ['https://hasura.example.com/api'],
        claims: { mode: 'namespace', namespace: 'https://hasura.io/jwt/claims', format: 'json' },
        allowedSkew: 5,
        header: { type: 'Authorization' },
      },
    });
  });

  it('treats null fields as absent and ignores the namespace when claims_map is set', () => {
    const parsed = parseJwtSecret({
      jwk_url: 'https://a/jwks',
      issuer: null,
      claims_namespace: 'ns',
      claims_map: { 'x-hasura-allowed-roles': ['u'], 'x-hasura-default-role': 'u' },
    });
    expect(parsed).toMatchObject({ ok: true, config: { claims: { mode: 'map' } } });
    expect(parsed.ok && parsed.config.issuer).toBeUndefined();
  });
});

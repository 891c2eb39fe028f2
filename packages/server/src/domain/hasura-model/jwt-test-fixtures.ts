/**
 * Keys and tokens for the Hasura emulation tests. Tokens are signed with `CompactSign` so a
 * test can put anything in the payload, including claims of the wrong type.
 * Not used by production code.
 */
import { CompactSign, exportJWK, exportPKCS8, exportSPKI, generateKeyPair, importPKCS8, type JWK } from 'jose';

export const NOW = 1_750_000_000;
const ENDPOINT = 'http://localhost:3001';
export const ISSUER = `${ENDPOINT}/oidc`;
export const AUDIENCE = 'https://hasura.example.com/api';
export const NAMESPACE = 'https://hasura.io/jwt/claims';
export const KID = 'gatehouse-key-1';

/** A PKCS#8 private key, imported per `alg` at signing time (jose binds a CryptoKey to one alg). */
type SigningKey = { pkcs8: string };

export interface TestKeys {
  rsa: SigningKey;
  rsaJwk: JWK;
  rsaPem: string;
  /** A second RSA key that is not in the JWKS. */
  stranger: SigningKey;
  ec: SigningKey;
  ecJwk: JWK;
  jwks: { keys: JWK[] };
}

export async function createTestKeys(): Promise<TestKeys> {
  const rsa = await generateKeyPair('RS256', { extractable: true });
  const stranger = await generateKeyPair('RS256', { extractable: true });
  const ec = await generateKeyPair('ES256', { extractable: true });
  const rsaJwk = { ...(await exportJWK(rsa.publicKey)), kid: KID, alg: 'RS256', use: 'sig' };
  const ecJwk = { ...(await exportJWK(ec.publicKey)), kid: 'ec-key', alg: 'ES256', use: 'sig' };
  return {
    rsa: { pkcs8: await exportPKCS8(rsa.privateKey) },
    rsaJwk,
    rsaPem: await exportSPKI(rsa.publicKey),
    stranger: { pkcs8: await exportPKCS8(stranger.privateKey) },
    ec: { pkcs8: await exportPKCS8(ec.privateKey) },
    ecJwk,
    jwks: { keys: [rsaJwk, ecJwk] },
  };
}

/** What Gatehouse's Hasura preset puts in a user access token. */
export function gatehousePayload(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    iss: ISSUER,
    sub: 'user-1',
    aud: AUDIENCE,
    iat: NOW - 60,
    exp: NOW + 3600,
    jti: 'jti-1',
    client_id: 'app-1',
    scope: 'read:user maintain:user',
    [NAMESPACE]: {
      'x-hasura-allowed-roles': ['user:reader', 'user:maintainer'],
      'x-hasura-default-role': 'user:reader',
      'x-hasura-user-id': 'user-1',
    },
    ...overrides,
  };
}

export async function sign(
  key: SigningKey | Uint8Array,
  payload: unknown,
  header: Record<string, unknown> = { alg: 'RS256', kid: KID },
): Promise<string> {
  const bytes = new TextEncoder().encode(JSON.stringify(payload));
  const alg = String(header.alg);
  const signingKey = key instanceof Uint8Array ? key : await importPKCS8(key.pkcs8, alg);
  return new CompactSign(bytes).setProtectedHeader(header as { alg: string }).sign(signingKey);
}

/** An `alg: none` token, which jose will not produce itself. */
export function unsignedToken(payload: unknown): string {
  const part = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
  return `${part({ alg: 'none' })}.${part(payload)}.`;
}

export const bearer = (token: string): Record<string, string> => ({ authorization: `Bearer ${token}` });

/** The JWT secret `gatehouse hasura jwt-secret` prints for the demo resource. */
export const GATEHOUSE_SECRET = {
  jwk_url: `${ENDPOINT}/oidc/jwks`,
  issuer: ISSUER,
  audience: AUDIENCE,
};

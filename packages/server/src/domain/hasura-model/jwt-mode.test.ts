import { beforeAll, describe, expect, it } from 'vitest';
import { decideJwt, parseJwtSecret } from './jwt-mode.ts';
import type { JwtConfig } from './jwt-config.ts';
import {
  AUDIENCE,
  bearer,
  createTestKeys,
  GATEHOUSE_SECRET,
  gatehousePayload,
  ISSUER,
  KID,
  NAMESPACE,
  NOW,
  sign,
  type TestKeys,
  unsignedToken,
} from './jwt-test-fixtures.ts';

let keys: TestKeys;
beforeAll(async () => {
  keys = await createTestKeys();
});

function config(secret: object): JwtConfig {
  const parsed = parseJwtSecret(secret);
  if (!parsed.ok) throw new Error(parsed.error.message);
  return parsed.config;
}

interface Case {
  name: string;
  secret?: object;
  headers: (k: TestKeys) => Promise<Record<string, string | string[]>>;
  unauthorizedRole?: string;
  jwks?: (k: TestKeys) => unknown;
  expected: Record<string, unknown>;
}

const ns = (claims: Record<string, unknown>) => ({ [NAMESPACE]: claims });
const roles = { 'x-hasura-allowed-roles': ['user:reader', 'user:maintainer'], 'x-hasura-default-role': 'user:reader' };
const denied = (status: number, code: string, message: string, step: string): Record<string, unknown> => ({
  accepted: false,
  status,
  code,
  message,
  step,
});

const cases: Case[] = [
  {
    name: 'accepts a Gatehouse access token with the default role',
    headers: async (k) => bearer(await sign(k.rsa, gatehousePayload())),
    expected: {
      accepted: true,
      role: 'user:reader',
      session: { 'x-hasura-user-id': 'user-1', 'x-hasura-role': 'user:reader' },
      expiresAt: NOW + 3600,
    },
  },
  {
    name: 'selects the role named by the x-hasura-role header (any header-name case)',
    headers: async (k) => ({ ...bearer(await sign(k.rsa, gatehousePayload())), 'X-Hasura-Role': 'user:maintainer' }),
    expected: { accepted: true, role: 'user:maintainer' },
  },
  {
    name: 'ignores x-hasura-* request headers other than the role in JWT mode',
    headers: async (k) => ({ ...bearer(await sign(k.rsa, gatehousePayload())), 'x-hasura-user-id': 'someone-else' }),
    expected: { accepted: true, session: { 'x-hasura-user-id': 'user-1', 'x-hasura-role': 'user:reader' } },
  },
  {
    name: 'rejects a request without a token when no unauthorized role is set',
    headers: async () => ({}),
    expected: denied(400, 'invalid-headers', "Missing 'Authorization' or 'Cookie' header in JWT authentication mode", 'token'),
  },
  {
    name: 'runs a request without a token as the unauthorized role, with client x-hasura-* headers',
    headers: async () => ({ 'X-Hasura-User-Id': 'spoofed', 'x-hasura-role': 'admin' }),
    unauthorizedRole: 'anonymous',
    expected: { accepted: true, role: 'anonymous', session: { 'x-hasura-user-id': 'spoofed', 'x-hasura-role': 'anonymous' } },
  },
  {
    name: 'rejects Basic credentials even with an unauthorized role',
    headers: async () => ({ authorization: 'Basic dXNlcjpwYXNz' }),
    unauthorizedRole: 'anonymous',
    expected: denied(400, 'invalid-headers', 'Malformed Authorization header', 'authorization-header'),
  },
  {
    name: 'rejects a lower-case bearer',
    headers: async (k) => ({ authorization: `bearer ${await sign(k.rsa, gatehousePayload())}` }),
    expected: denied(400, 'invalid-headers', 'Malformed Authorization header', 'authorization-header'),
  },
  {
    name: 'rejects an Authorization header of three words',
    headers: async (k) => ({ authorization: `Bearer ${await sign(k.rsa, gatehousePayload())} extra` }),
    expected: denied(400, 'invalid-headers', 'Malformed Authorization header', 'authorization-header'),
  },
  {
    name: 'rejects two Authorization headers',
    headers: async (k) => {
      const token = await sign(k.rsa, gatehousePayload());
      return { authorization: [`Bearer ${token}`, `Bearer ${token}`] };
    },
    expected: denied(400, 'invalid-headers', 'Could not verify JWT: Multiple JWTs found', 'multiple-jwts'),
  },
  {
    name: 'drops a token from another issuer before checking its signature',
    headers: async (k) => bearer(await sign(k.stranger, gatehousePayload({ iss: 'https://evil.example/oidc' }))),
    expected: denied(400, 'invalid-jwt', 'Could not verify JWT: JWTNotInIssuer', 'issuer'),
  },
  {
    name: 'accepts a token without iss although issuer is configured',
    headers: async (k) => bearer(await sign(k.rsa, gatehousePayload({ iss: undefined }))),
    expected: { accepted: true, role: 'user:reader' },
  },
  {
    name: 'rejects a token signed by a key outside the JWKS, whatever its kid',
    headers: async (k) => bearer(await sign(k.stranger, gatehousePayload(), { alg: 'RS256', kid: KID })),
    expected: denied(400, 'invalid-jwt', 'Could not verify JWT: JWSError JWSInvalidSignature', 'signature'),
  },
  {
    name: 'ignores kid: a token whose kid is unknown verifies with any fitting key',
    headers: async (k) => bearer(await sign(k.rsa, gatehousePayload(), { alg: 'RS256', kid: 'rotated-away' })),
    expected: { accepted: true },
  },
  {
    name: 'accepts PS256 and RS512 with an RSA key: the key type does not restrict alg',
    headers: async (k) => bearer(await sign(k.rsa, gatehousePayload(), { alg: 'PS256' })),
    expected: { accepted: true },
  },
  {
    name: 'verifies ES256 with the EC key of the same JWKS',
    headers: async (k) => bearer(await sign(k.ec, gatehousePayload(), { alg: 'ES256' })),
    expected: { accepted: true },
  },
  {
    name: 'rejects alg none',
    headers: async () => bearer(unsignedToken(gatehousePayload())),
    expected: denied(400, 'invalid-jwt', 'Could not verify JWT: JWSError JWSNoSignatures', 'alg'),
  },
  {
    name: 'rejects any token when the JWKS is empty',
    headers: async (k) => bearer(await sign(k.rsa, gatehousePayload())),
    jwks: () => ({ keys: [] }),
    expected: denied(400, 'invalid-jwt', 'Could not verify JWT: JWSError NoUsableKeys', 'keys'),
  },
  {
    name: 'decodes the registered claims before the signature',
    headers: async (k) => bearer(await sign(k.stranger, gatehousePayload({ exp: 'tomorrow' }))),
    expected: denied(
      400,
      'invalid-jwt',
      'Could not verify JWT: JWTClaimsSetDecodeError "Error in $.exp: parsing NumericDate failed, expected Number, but encountered String"',
      'claims-decode',
    ),
  },
  {
    name: 'rejects an expired token',
    headers: async (k) => bearer(await sign(k.rsa, gatehousePayload({ exp: NOW - 30 }))),
    expected: denied(400, 'invalid-jwt', 'Could not verify JWT: JWTExpired', 'exp'),
  },
  {
    name: 'accepts a token expired within allowed_skew',
    secret: { ...GATEHOUSE_SECRET, allowed_skew: 60 },
    headers: async (k) => bearer(await sign(k.rsa, gatehousePayload({ exp: NOW - 30 }))),
    expected: { accepted: true, expiresAt: NOW - 30 },
  },
  {
    name: 'rejects a token issued in the future (iat before nbf)',
    headers: async (k) => bearer(await sign(k.rsa, gatehousePayload({ iat: NOW + 120, nbf: NOW + 120 }))),
    expected: denied(400, 'invalid-jwt', 'Could not verify JWT: JWTIssuedAtFuture', 'iat'),
  },
  {
    name: 'rejects a token not valid yet',
    headers: async (k) => bearer(await sign(k.rsa, gatehousePayload({ nbf: NOW + 120 }))),
    expected: denied(400, 'invalid-jwt', 'Could not verify JWT: JWTNotYetValid', 'nbf'),
  },
  {
    name: 'rejects a token for another resource',
    headers: async (k) => bearer(await sign(k.rsa, gatehousePayload({ aud: 'https://other.example/api' }))),
    expected: denied(400, 'invalid-jwt', 'Could not verify JWT: JWTNotInAudience', 'audience'),
  },
  {
    name: 'accepts a token without aud although audience is configured',
    headers: async (k) => bearer(await sign(k.rsa, gatehousePayload({ aud: undefined }))),
    expected: { accepted: true },
  },
  {
    name: 'rejects aud: []',
    secret: { jwk_url: GATEHOUSE_SECRET.jwk_url },
    headers: async (k) => bearer(await sign(k.rsa, gatehousePayload({ aud: [] }))),
    expected: denied(400, 'invalid-jwt', 'Could not verify JWT: JWTNotInAudience', 'audience'),
  },
  {
    name: 'rejects a token without the claims namespace',
    headers: async (k) => bearer(await sign(k.rsa, gatehousePayload({ [NAMESPACE]: undefined }))),
    expected: denied(400, 'jwt-invalid-claims', `claims key: '${NAMESPACE}' not found`, 'claims'),
  },
  {
    name: 'reads stringified_json claims',
    secret: { ...GATEHOUSE_SECRET, claims_format: 'stringified_json' },
    headers: async (k) => bearer(await sign(k.rsa, gatehousePayload({ [NAMESPACE]: JSON.stringify(roles) }))),
    expected: { accepted: true, role: 'user:reader' },
  },
  {
    name: 'rejects an object when claims_format is stringified_json',
    secret: { ...GATEHOUSE_SECRET, claims_format: 'stringified_json' },
    headers: async (k) => bearer(await sign(k.rsa, gatehousePayload())),
    expected: denied(400, 'jwt-invalid-claims', 'expecting a string when claims_format is stringified_json', 'claims'),
  },
  {
    name: 'rejects a string that is not stringified json',
    secret: { ...GATEHOUSE_SECRET, claims_format: 'stringified_json' },
    headers: async (k) => bearer(await sign(k.rsa, gatehousePayload({ [NAMESPACE]: 'roles' }))),
    expected: denied(
      400,
      'jwt-invalid-claims',
      `expecting stringified json at: 'claims_namespace ${NAMESPACE}', but found: roles`,
      'claims',
    ),
  },
  {
    name: 'finds the claims at claims_namespace_path',
    secret: { ...GATEHOUSE_SECRET, claims_namespace_path: '$.hasura.claims' },
    headers: async (k) => bearer(await sign(k.rsa, gatehousePayload({ hasura: { claims: roles } }))),
    expected: { accepted: true },
  },
  {
    name: 'reports a claims_namespace_path that leads nowhere',
    secret: { ...GATEHOUSE_SECRET, claims_namespace_path: '$["https://x.io"].claims' },
    headers: async (k) => bearer(await sign(k.rsa, gatehousePayload())),
    expected: denied(400, 'jwt-invalid-claims', `claims not found at claims_namespace_path: '$["https://x.io"].claims'`, 'claims'),
  },
  {
    name: 'maps claims with claims_map paths and defaults',
    secret: {
      ...GATEHOUSE_SECRET,
      claims_map: {
        'x-hasura-allowed-roles': { path: '$.roles' },
        'x-hasura-default-role': { path: '$.roles[0]' },
        'x-hasura-user-id': { path: '$.sub' },
        'x-hasura-org-id': { path: '$.org', default: 'none' },
        'x-hasura-aud': { path: '$.aud' },
      },
    },
    headers: async (k) => bearer(await sign(k.rsa, gatehousePayload({ roles: ['user:reader'], aud: [AUDIENCE] }))),
    expected: {
      accepted: true,
      session: { 'x-hasura-aud': AUDIENCE, 'x-hasura-org-id': 'none', 'x-hasura-role': 'user:reader', 'x-hasura-user-id': 'user-1' },
    },
  },
  {
    name: 'reports a claims_map variable without value or default',
    secret: { ...GATEHOUSE_SECRET, claims_map: { ...roles, 'x-hasura-org-id': { path: '$.org' } } },
    headers: async (k) => bearer(await sign(k.rsa, gatehousePayload())),
    expected: denied(400, 'jwt-invalid-claims', 'JWT claim from claims_map, x-hasura-org-id not found', 'claims'),
  },
  {
    name: 'rejects claims without x-hasura-allowed-roles',
    headers: async (k) => bearer(await sign(k.rsa, gatehousePayload(ns({ 'x-hasura-default-role': 'user:reader' })))),
    expected: denied(400, 'jwt-missing-role-claims', 'JWT claim does not contain x-hasura-allowed-roles', 'allowed-roles'),
  },
  {
    name: 'rejects allowed roles that are not a list',
    headers: async (k) => bearer(await sign(k.rsa, gatehousePayload(ns({ ...roles, 'x-hasura-allowed-roles': 'user:reader' })))),
    expected: denied(
      400,
      'jwt-invalid-claims',
      'invalid x-hasura-allowed-roles; should be a list of roles: parsing [] failed, expected Array, but encountered String',
      'allowed-roles',
    ),
  },
  {
    name: 'rejects claims without x-hasura-default-role',
    headers: async (k) => bearer(await sign(k.rsa, gatehousePayload(ns({ 'x-hasura-allowed-roles': ['user:reader'] })))),
    expected: denied(400, 'jwt-missing-role-claims', 'JWT claim does not contain x-hasura-default-role', 'default-role'),
  },
  {
    name: 'rejects a default role outside the allowed roles',
    headers: async (k) => bearer(await sign(k.rsa, gatehousePayload(ns({ ...roles, 'x-hasura-default-role': 'user' })))),
    expected: denied(400, 'access-denied', 'Your requested role is not in allowed roles', 'requested-role'),
  },
  {
    name: 'compares the requested role case-sensitively',
    headers: async (k) => ({ ...bearer(await sign(k.rsa, gatehousePayload())), 'x-hasura-role': 'User:Reader' }),
    expected: denied(400, 'access-denied', 'Your requested role is not in allowed roles', 'requested-role'),
  },
  {
    name: 'checks the role before the session variable types',
    headers: async (k) => ({
      ...bearer(await sign(k.rsa, gatehousePayload(ns({ ...roles, 'x-hasura-user-id': 42 })))),
      'x-hasura-role': 'editor',
    }),
    expected: denied(400, 'access-denied', 'Your requested role is not in allowed roles', 'requested-role'),
  },
  {
    name: 'rejects a session variable that is not a string',
    headers: async (k) => bearer(await sign(k.rsa, gatehousePayload(ns({ ...roles, 'x-hasura-user-id': 42 })))),
    expected: denied(
      400,
      'jwt-invalid-claims',
      'x-hasura-* claims: parsing Text failed, expected String, but encountered Number',
      'session-variables',
    ),
  },
  {
    name: 'reads claim names case-insensitively and lower-cases them',
    headers: async (k) =>
      bearer(
        await sign(
          k.rsa,
          gatehousePayload(
            ns({
              'X-Hasura-Allowed-Roles': ['user:reader'],
              'X-HASURA-DEFAULT-ROLE': 'user:reader',
              'X-Hasura-User-Id': 'u1',
              other: 1,
            }),
          ),
        ),
      ),
    expected: { accepted: true, session: { 'x-hasura-user-id': 'u1', 'x-hasura-role': 'user:reader' } },
  },
  {
    name: 'reads the token from a cookie in Cookie mode and ignores Authorization',
    secret: { ...GATEHOUSE_SECRET, header: { type: 'cookie', name: 'gh_token' } },
    headers: async (k) => ({ cookie: `a=1; gh_token=${await sign(k.rsa, gatehousePayload())}`, authorization: 'Basic x' }),
    expected: { accepted: true },
  },
  {
    name: 'reads the raw token from a custom header',
    secret: { ...GATEHOUSE_SECRET, header: { type: 'CustomHeader', name: 'X-Gatehouse-Token' } },
    headers: async (k) => ({ 'x-gatehouse-token': await sign(k.rsa, gatehousePayload()) }),
    expected: { accepted: true },
  },
];

describe('decideJwt (Hasura v2 JWT mode)', () => {
  it.each(cases)('$name', async ({ secret, headers, unauthorizedRole, jwks, expected }) => {
    const decision = await decideJwt({
      config: config(secret ?? GATEHOUSE_SECRET),
      jwks: jwks ? jwks(keys) : keys.jwks,
      headers: await headers(keys),
      now: NOW,
      ...(unauthorizedRole ? { unauthorizedRole } : {}),
    });
    expect(decision).toMatchObject(expected);
  });

  it('accepts an HS512 token with an HS256 key of 64 bytes', async () => {
    const secret = 'x'.repeat(64);
    const token = await sign(new TextEncoder().encode(secret), gatehousePayload(), { alg: 'HS512' });
    const decision = await decideJwt({ config: config({ type: 'HS256', key: secret, issuer: ISSUER }), headers: bearer(token), now: NOW });
    expect(decision).toMatchObject({ accepted: true, role: 'user:reader' });
  });

  it('verifies with a PEM key whatever the configured asymmetric type', async () => {
    const token = await sign(keys.rsa, gatehousePayload(), { alg: 'RS512' });
    const decision = await decideJwt({ config: config({ type: 'ES256', key: keys.rsaPem }), headers: bearer(token), now: NOW });
    expect(decision).toMatchObject({ accepted: true });
  });

  it('reports a JWKS that Hasura could not parse', async () => {
    const decision = await decideJwt({ config: config(GATEHOUSE_SECRET), jwks: { keys: [{ kty: 'RSA' }] }, headers: {}, now: NOW });
    expect(decision).toEqual({
      accepted: false,
      status: 500,
      code: 'unexpected',
      step: 'jwks',
      message: `Error parsing JWK from url: ${GATEHOUSE_SECRET.jwk_url}`,
    });
  });
});

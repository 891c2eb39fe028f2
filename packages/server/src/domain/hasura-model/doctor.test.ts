import { beforeAll, describe, expect, it } from 'vitest';
import { diagnose, type DiagnoseInput } from './doctor.ts';
import {
  AUDIENCE,
  createTestKeys,
  GATEHOUSE_SECRET,
  gatehousePayload,
  ISSUER,
  NAMESPACE,
  NOW,
  sign,
  type TestKeys,
} from './jwt-test-fixtures.ts';

let keys: TestKeys;
beforeAll(async () => {
  keys = await createTestKeys();
});

interface Case {
  name: string;
  input: (k: TestKeys) => Promise<Omit<DiagnoseInput, 'now'>>;
  verdict: 'accepted' | 'rejected';
  exitCode: 0 | 1 | 2;
  status?: number;
  code?: string;
  message: string;
  /** Substrings the fix must contain. */
  fix?: string[];
}

const withToken = async (k: TestKeys, payload = gatehousePayload(), extra: Partial<DiagnoseInput> = {}) => ({
  jwtSecret: JSON.stringify(GATEHOUSE_SECRET),
  jwks: k.jwks,
  token: await sign(k.rsa, payload),
  ...extra,
});
const config = (secret: object) => async () => ({ jwtSecret: JSON.stringify(secret), token: 'x.y.z' });

const cases: Case[] = [
  {
    name: 'accepts a Gatehouse token and says which role Hasura applies',
    input: (k) => withToken(k),
    verdict: 'accepted',
    exitCode: 0,
    message: '',
  },
  {
    name: 'accepts a requested role the token allows',
    input: (k) => withToken(k, gatehousePayload(), { role: 'user:maintainer' }),
    verdict: 'accepted',
    exitCode: 0,
    message: '',
  },
  {
    name: 'refuses a secret with both key and jwk_url',
    input: config({ ...GATEHOUSE_SECRET, type: 'HS256', key: 'k'.repeat(32) }),
    verdict: 'rejected',
    exitCode: 2,
    message: 'key, jwk_url both cannot be present',
    fix: ['Hasura will not start', 'gatehouse hasura jwt-secret'],
  },
  {
    name: 'refuses a secret with neither key nor jwk_url',
    input: config({ issuer: ISSUER }),
    verdict: 'rejected',
    exitCode: 2,
    message: 'key and jwk_url both cannot be empty',
  },
  {
    name: 'refuses an unsupported key type',
    input: config({ type: 'PS256', key: 'k' }),
    verdict: 'rejected',
    exitCode: 2,
    message: 'Invalid JWK: Key type: PS256 is not supported',
  },
  {
    name: 'refuses a short HMAC key',
    input: config({ type: 'HS512', key: 'k'.repeat(63) }),
    verdict: 'rejected',
    exitCode: 2,
    message: 'Invalid JWK: Key size too small; should be atleast 64 characters',
  },
  {
    name: 'refuses both claims_namespace and claims_namespace_path',
    input: config({ ...GATEHOUSE_SECRET, claims_namespace: NAMESPACE, claims_namespace_path: '$.hasura' }),
    verdict: 'rejected',
    exitCode: 2,
    message: 'claims_namespace and claims_namespace_path both cannot be set',
  },
  {
    name: 'refuses a bad claims_namespace_path',
    input: config({ ...GATEHOUSE_SECRET, claims_namespace_path: '$.https://hasura.io' }),
    verdict: 'rejected',
    exitCode: 2,
    message:
      'invalid JSON path claims_namespace_path error: $.https://hasura.io. Accept letters, digits, underscore (_) or hyphen (-) only. Use quotes enclosed in bracket (["..."]) if there is any special character',
  },
  {
    name: 'needs the JWKS behind jwk_url',
    input: async (k) => ({ jwtSecret: GATEHOUSE_SECRET, token: await sign(k.rsa, gatehousePayload()) }),
    verdict: 'rejected',
    exitCode: 2,
    status: 500,
    code: 'unexpected',
    message: `Error fetching JWK: no JWKS was given for ${GATEHOUSE_SECRET.jwk_url}`,
    fix: ['pass the JWK Set'],
  },
  {
    name: 'explains a missing token and the unauthorized role',
    input: async (k) => ({ jwtSecret: GATEHOUSE_SECRET, jwks: k.jwks }),
    verdict: 'rejected',
    exitCode: 1,
    status: 400,
    code: 'invalid-headers',
    message: "Missing 'Authorization' or 'Cookie' header in JWT authentication mode",
    fix: ['HASURA_GRAPHQL_UNAUTHORIZED_ROLE'],
  },
  {
    name: 'names the issuer to configure',
    input: (k) => withToken(k, gatehousePayload({ iss: 'https://auth.example.com/oidc' })),
    verdict: 'rejected',
    exitCode: 1,
    status: 400,
    code: 'invalid-jwt',
    message: 'Could not verify JWT: JWTNotInIssuer',
    fix: ['issued by https://auth.example.com/oidc', '`$ENDPOINT/oidc`', `gatehouse hasura jwt-secret --resource ${AUDIENCE}`],
  },
  {
    name: 'asks for a token for the configured resource',
    input: (k) => withToken(k, gatehousePayload({ aud: 'https://api.example.com' })),
    verdict: 'rejected',
    exitCode: 1,
    status: 400,
    code: 'invalid-jwt',
    message: 'Could not verify JWT: JWTNotInAudience',
    fix: [`resource=${AUDIENCE}`],
  },
  {
    name: 'asks for a fresh token when expired',
    input: (k) => withToken(k, gatehousePayload({ exp: NOW - 10 })),
    verdict: 'rejected',
    exitCode: 1,
    status: 400,
    code: 'invalid-jwt',
    message: 'Could not verify JWT: JWTExpired',
    fix: ['get a fresh token (the SDK refreshes automatically)'],
  },
  {
    name: 'spots a signing key Hasura does not hold',
    input: async (k) => ({ ...(await withToken(k)), token: await sign(k.stranger, gatehousePayload(), { alg: 'RS256', kid: 'new-key' }) }),
    verdict: 'rejected',
    exitCode: 1,
    status: 400,
    code: 'invalid-jwt',
    message: 'Could not verify JWT: JWSError JWSInvalidSignature',
    fix: ['new-key is not in the JWK Set', 'restart Hasura'],
  },
  {
    name: 'recognises an opaque access token',
    input: async (k) => ({ jwtSecret: GATEHOUSE_SECRET, jwks: k.jwks, token: 'Zk9wYXF1ZS10b2tlbg' }),
    verdict: 'rejected',
    exitCode: 1,
    status: 400,
    code: 'invalid-jwt',
    message: 'Could not verify JWT: JWSError (CompactDecodeError Invalid number of parts: Expected 3 parts; got 1)',
    fix: ['opaque access token', `getAccessToken('${AUDIENCE}')`],
  },
  {
    name: 'points at the Hasura preset when the claims are missing',
    input: (k) => withToken(k, gatehousePayload({ [NAMESPACE]: undefined })),
    verdict: 'rejected',
    exitCode: 1,
    status: 400,
    code: 'jwt-invalid-claims',
    message: `claims key: '${NAMESPACE}' not found`,
    fix: [`gatehouse hasura preset enable --resource ${AUDIENCE}`],
  },
  {
    name: 'points at the preset or script when allowed roles are missing',
    input: (k) => withToken(k, gatehousePayload({ [NAMESPACE]: { 'x-hasura-default-role': 'user:reader' } })),
    verdict: 'rejected',
    exitCode: 1,
    status: 400,
    code: 'jwt-missing-role-claims',
    message: 'JWT claim does not contain x-hasura-allowed-roles',
    fix: [
      `enable the Hasura preset (gatehouse hasura preset enable --resource ${AUDIENCE}) or return x-hasura-allowed-roles from your custom JWT script`,
    ],
  },
  {
    name: 'explains a default role outside the allowed roles',
    input: (k) =>
      withToken(k, gatehousePayload({ [NAMESPACE]: { 'x-hasura-allowed-roles': ['user:reader'], 'x-hasura-default-role': 'user' } })),
    verdict: 'rejected',
    exitCode: 1,
    status: 400,
    code: 'access-denied',
    message: 'Your requested role is not in allowed roles',
    fix: ['x-hasura-default-role ("user") is not in x-hasura-allowed-roles', 'the user holds no role named in USER_DEFAULT_ROLE_NAMES'],
  },
  {
    name: 'explains a requested role the user does not hold, case included',
    input: (k) => withToken(k, gatehousePayload(), { role: 'User:Maintainer' }),
    verdict: 'rejected',
    exitCode: 1,
    status: 400,
    code: 'access-denied',
    message: 'Your requested role is not in allowed roles',
    fix: [
      'assign the role "User:Maintainer" to the user, or send one of: "user:reader", "user:maintainer"',
      'did you mean "user:maintainer"?',
    ],
  },
  {
    name: 'names the session variable that is not a string',
    input: (k) =>
      withToken(
        k,
        gatehousePayload({
          [NAMESPACE]: { 'x-hasura-allowed-roles': ['user:reader'], 'x-hasura-default-role': 'user:reader', 'x-hasura-user-id': 7 },
        }),
      ),
    verdict: 'rejected',
    exitCode: 1,
    status: 400,
    code: 'jwt-invalid-claims',
    message: 'x-hasura-* claims: parsing Text failed, expected String, but encountered Number',
    fix: ['x-hasura-user-id is a Number'],
  },
  {
    name: 'tells an HMAC secret cannot verify Gatehouse tokens',
    input: async (k) => ({ jwtSecret: { type: 'HS256', key: 's'.repeat(32) }, token: await sign(k.rsa, gatehousePayload()) }),
    verdict: 'rejected',
    exitCode: 1,
    status: 400,
    code: 'invalid-jwt',
    message: 'Could not verify JWT: JWSError JWSInvalidSignature',
    fix: ['HMAC key', '"jwk_url": "$ENDPOINT/oidc/jwks"'],
  },
];

describe('diagnose (gatehouse hasura doctor)', () => {
  it.each(cases)('$name', async ({ input, verdict, exitCode, status, code, message, fix }) => {
    const result = await diagnose({ ...(await input(keys)), now: NOW });
    expect(result.verdict).toBe(verdict);
    expect(result.exitCode).toBe(exitCode);
    if (verdict === 'accepted') {
      expect(result.fix).toBeUndefined();
      expect(result.checks.every((check) => check.ok)).toBe(true);
      return;
    }
    const hasura = result.hasura;
    if ('configError' in hasura) {
      expect(hasura.configError.message).toBe(message);
    } else {
      expect(hasura).toMatchObject({ accepted: false, status, code, message });
      expect(result.checks.at(-1)).toMatchObject({ ok: false, detail: message });
    }
    for (const part of fix ?? []) expect(result.fix).toContain(part);
  });

  it('lists every check Hasura ran, in order', async () => {
    const result = await diagnose({ ...(await withToken(keys, gatehousePayload(), { role: 'user:maintainer' })), now: NOW });
    expect(result.checks.map((check) => check.step)).toEqual([
      'config',
      'token',
      'authorization-header',
      'issuer',
      'multiple-jwts',
      'decode',
      'claims-decode',
      'alg',
      'keys',
      'signature',
      'exp',
      'iat',
      'nbf',
      'audience',
      'claims',
      'allowed-roles',
      'default-role',
      'requested-role',
      'session-variables',
    ]);
    expect(result.hasura).toEqual({
      accepted: true,
      role: 'user:maintainer',
      session: { 'x-hasura-user-id': 'user-1', 'x-hasura-role': 'user:maintainer' },
      expiresAt: NOW + 3600,
    });
    expect(result.notes).toContain('the token expires at 2025-06-15T16:06:40.000Z (in 3600 s); WebSocket connections are closed then');
  });

  it('warns when the secret checks neither issuer nor audience', async () => {
    const result = await diagnose({
      jwtSecret: { jwk_url: GATEHOUSE_SECRET.jwk_url },
      jwks: keys.jwks,
      token: await sign(keys.rsa, gatehousePayload()),
      now: NOW,
    });
    expect(result.verdict).toBe('accepted');
    expect(result.notes.join('\n')).toMatch(/no issuer[\s\S]*no audience/);
  });

  it('refuses a private key PEM', async () => {
    const result = await diagnose({ jwtSecret: { type: 'RS256', key: keys.rsa.pkcs8 }, token: 'a.b.c', now: NOW });
    expect(result).toMatchObject({ verdict: 'rejected', exitCode: 2 });
    expect(result.hasura).toMatchObject({ configError: { message: expect.stringMatching(/^Invalid JWK: Could not decode PEM: /) } });
  });

  it('refuses a secret that is not JSON', async () => {
    const result = await diagnose({ jwtSecret: '{jwk_url:', token: 'a.b.c', now: NOW });
    expect(result).toMatchObject({ verdict: 'rejected', exitCode: 2 });
  });
});

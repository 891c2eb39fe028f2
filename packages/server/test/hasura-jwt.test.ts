import { decodeJwt } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decideJwt, parseJwtSecret } from '../src/domain/hasura-model/index.ts';
import { signInWithCode } from './support/browser.ts';
import { DIALECTS } from './support/databases.ts';
import { HASURA_API, seedHasuraGuide, SPA_REDIRECT, type HasuraFixture } from './support/seed.ts';
import { startTestServer, type TestServer } from './support/server.ts';

/**
 * The Hasura preset's tokens under the generated HASURA_GRAPHQL_JWT_SECRET, judged by our
 * emulation of Hasura v2 (HASURA.md), for every claim format and users with 0, 1, 2 roles.
 */
const formats = [
  { name: 'json', format: 'json' },
  { name: 'stringified_json', format: 'stringified_json' },
  { name: 'custom namespace', format: { namespace: 'https://example.com/hasura' } },
  { name: 'namespace path', format: { namespacePath: 'hasura.claims' } },
] as const;

describe.each(DIALECTS)('Hasura preset + JWT secret, judged as Hasura v2 would (%s)', (dialect) => {
  let server: TestServer;
  let fx: HasuraFixture;
  const users: Record<'none' | 'reader' | 'both', { username: string; password: string }> = {} as never;

  beforeAll(async () => {
    server = await startTestServer(dialect);
    fx = await seedHasuraGuide(server);
    users.both = fx.user;
    for (const [key, roleIds] of [
      ['none', []],
      ['reader', [fx.roles.reader]],
    ] as const) {
      const password = `password-of-${key}`;
      const user = await server.api('POST', '/users', { username: `user-${key}`, password });
      if (roleIds.length) await server.api('POST', `/users/${user.body.id}/roles`, { roleIds });
      users[key] = { username: `user-${key}`, password };
    }
  });
  afterAll(() => server?.stop());

  const accessToken = async (who: keyof typeof users) =>
    (
      await signInWithCode({
        issuer: server.issuer,
        clientId: fx.spa.id,
        redirectUri: SPA_REDIRECT,
        ...users[who],
        scope: 'openid offline_access read:user maintain:user',
        resource: HASURA_API,
      })
    ).tokens.access_token;

  const jwks = async () => (await fetch(`${server.issuer}/jwks`)).json();

  const hasura = async (secret: unknown, token: string, role?: string) => {
    const parsed = parseJwtSecret(secret as object);
    if (!parsed.ok) throw new Error(`Hasura would not start: ${parsed.error.message}`);
    return decideJwt({
      config: parsed.config,
      jwks: await jwks(),
      headers: { authorization: `Bearer ${token}`, ...(role ? { 'x-hasura-role': role } : {}) },
    });
  };

  it.each(formats)('is accepted with the right roles in the $name format', async ({ format }) => {
    const preset = await server.api('PUT', '/configs/jwt-customizer/access-token/presets/hasura', {
      resource: HASURA_API,
      format,
      environmentVariables: { USER_DEFAULT_ROLE_NAMES: 'user:maintainer' },
    });
    expect(preset.status).toBe(200);
    expect(preset.body.script).toMatch(/getCustomJwtClaims/);
    const secret = await server.api('GET', `/hasura/jwt-secret?resource=${encodeURIComponent(HASURA_API)}`);
    expect(secret.status).toBe(200);
    expect(secret.body).toMatchObject({ jwk_url: `${server.issuer}/jwks`, issuer: server.issuer, audience: HASURA_API });

    const both = await accessToken('both');
    const asDefault = await hasura(secret.body, both);
    expect(asDefault).toMatchObject({ accepted: true, role: 'user:maintainer' });
    expect(asDefault.accepted && asDefault.session['x-hasura-user-id']).toBe(fx.user.id);
    expect(await hasura(secret.body, both, 'user:reader')).toMatchObject({ accepted: true, role: 'user:reader' });

    const reader = await accessToken('reader');
    // USER_DEFAULT_ROLE_NAMES names a role this user lacks: the default falls back to an allowed one.
    expect(await hasura(secret.body, reader)).toMatchObject({ accepted: true, role: 'user:reader' });
    expect(await hasura(secret.body, reader, 'user:maintainer')).toMatchObject({
      accepted: false,
      status: 400,
      code: 'access-denied',
      message: 'Your requested role is not in allowed roles',
    });

    await expect(accessToken('none')).rejects.toMatchObject({ error: 'access_denied' });
  });

  it('gives a user without roles the unauthorized role when one is configured', async () => {
    await server.api('PUT', '/configs/jwt-customizer/access-token/presets/hasura', {
      resource: HASURA_API,
      environmentVariables: { HASURA_UNAUTHORIZED_ROLE: 'anonymous' },
    });
    const secret = (await server.api('GET', `/hasura/jwt-secret?resource=${encodeURIComponent(HASURA_API)}`)).body;
    expect(await hasura(secret, await accessToken('none'))).toMatchObject({ accepted: true, role: 'anonymous' });
  });

  it('rejects a token for another resource through the audience check', async () => {
    const other = await server.api('POST', '/resources', { name: 'Other', indicator: 'https://other.example.com/api' });
    const scope = await server.api('POST', `/resources/${other.body.id}/scopes`, { name: 'read:user' });
    await server.api('POST', `/roles/${fx.roles.reader}/scopes`, { scopeIds: [scope.body.id] });
    await server.api('PUT', '/configs/jwt-customizer/access-token/presets/hasura', { resource: HASURA_API });
    const { tokens } = await signInWithCode({
      issuer: server.issuer,
      clientId: fx.spa.id,
      redirectUri: SPA_REDIRECT,
      ...users.both,
      scope: 'openid offline_access read:user',
      resource: 'https://other.example.com/api',
    });
    expect(decodeJwt(tokens.access_token).aud).toBe('https://other.example.com/api');
    const secret = (await server.api('GET', `/hasura/jwt-secret?resource=${encodeURIComponent(HASURA_API)}`)).body;
    expect(await hasura(secret, tokens.access_token)).toMatchObject({
      accepted: false,
      code: 'invalid-jwt',
      message: 'Could not verify JWT: JWTNotInAudience',
    });
  });

  it('names the claim location of each preset format in the JWT secret', async () => {
    const expected = [
      { claims_namespace: 'https://hasura.io/jwt/claims', claims_format: 'json' },
      { claims_namespace: 'https://hasura.io/jwt/claims', claims_format: 'stringified_json' },
      { claims_namespace: 'https://example.com/hasura', claims_format: 'json' },
      { claims_namespace_path: '$.hasura.claims' },
    ];
    for (const [i, { format }] of formats.entries()) {
      await server.api('PUT', '/configs/jwt-customizer/access-token/presets/hasura', { resource: HASURA_API, format });
      const secret = (await server.api('GET', `/hasura/jwt-secret?resource=${encodeURIComponent(HASURA_API)}`)).body;
      expect(secret).toMatchObject(expected[i]);
    }
    expect((await server.api('GET', '/hasura/jwt-secret?resource=https://nope.example.com')).status).toBe(404);
  });

  it("answers the doctor with Hasura's verdict and a fix", async () => {
    await server.api('PUT', '/configs/jwt-customizer/access-token/presets/hasura', { resource: HASURA_API });
    const secret = (await server.api('GET', `/hasura/jwt-secret?resource=${encodeURIComponent(HASURA_API)}`)).body;
    const token = await accessToken('reader');
    const good = await server.api('POST', '/hasura/doctor', { jwtSecret: secret, token });
    expect(good.body.verdict).toBe('accepted');
    const bad = await server.api('POST', '/hasura/doctor', { jwtSecret: secret, token, role: 'user:maintainer' });
    expect(bad.body).toMatchObject({
      verdict: 'rejected',
      hasura: { code: 'access-denied', message: 'Your requested role is not in allowed roles' },
    });
    expect(bad.body.fix).toMatch(/user:maintainer/);
    const ssrf = await server.api('POST', '/hasura/doctor', { jwtSecret: { jwk_url: 'http://169.254.169.254/latest' }, token });
    expect(ssrf.status).toBe(400);
  });
});

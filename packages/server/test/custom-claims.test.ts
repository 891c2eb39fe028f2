import { decodeJwt } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signInWithCode } from './support/browser.ts';
import { DIALECTS } from './support/databases.ts';
import { HASURA_API, seedHasuraGuide, SPA_REDIRECT, type HasuraFixture } from './support/seed.ts';
import { clientCredentialsToken, startTestServer, type TestServer } from './support/server.ts';

const HASURA = 'https://hasura.io/jwt/claims';

// A script written for Logto's custom JWT feature, pasted unchanged.
const logtoScript = `
const getCustomJwtClaims = async ({ token, context, environmentVariables }) => {
  const roles = context.user.roles.map((role) => role.name);
  const defaults = (environmentVariables.USER_DEFAULT_ROLE_NAMES || '').split(',');
  const defaultRole = defaults.find((name) => roles.includes(name)) ?? roles[0];
  return {
    'https://hasura.io/jwt/claims': {
      'x-hasura-user-id': context.user.id,
      'x-hasura-default-role': defaultRole,
      'x-hasura-allowed-roles': roles,
    },
    grant: context.grant.type,
    app: context.application.name,
  };
};`;

describe.each(DIALECTS)('custom JWT claims at token issuance (%s)', (dialect) => {
  let server: TestServer;
  let fx: HasuraFixture;

  beforeAll(async () => {
    server = await startTestServer(dialect);
    fx = await seedHasuraGuide(server);
  });
  afterAll(() => server?.stop());

  const userToken = async (username = fx.user.username, password = fx.user.password) => {
    const { tokens } = await signInWithCode({
      issuer: server.issuer,
      clientId: fx.spa.id,
      redirectUri: SPA_REDIRECT,
      username,
      password,
      scope: 'openid offline_access read:user maintain:user',
      resource: HASURA_API,
    });
    return decodeJwt(tokens.access_token);
  };

  const putScript = (body: Record<string, unknown>, type = 'access-token') =>
    server.api('PUT', `/configs/jwt-customizer/${type}`, { environmentVariables: {}, ...body });

  it('runs a Logto script unchanged and puts its claims in the token', async () => {
    const put = await putScript({ script: logtoScript, environmentVariables: { USER_DEFAULT_ROLE_NAMES: 'user:maintainer' } });
    expect(put.status).toBe(200);
    expect((await server.api('GET', '/configs/jwt-customizer/access-token')).body.onError).toBe('deny');
    const claims = await userToken();
    expect(claims[HASURA]).toEqual({
      'x-hasura-user-id': fx.user.id,
      'x-hasura-default-role': 'user:maintainer',
      'x-hasura-allowed-roles': ['user:reader', 'user:maintainer'],
    });
    expect(claims.grant).toBe('authorization_code');
    expect(claims.app).toBe('Hasura demo SPA');
  });

  it('keeps reserved claims intact', async () => {
    await putScript({ script: `const getCustomJwtClaims = async () => ({ sub: 'evil', aud: 'x', scope: 'all', iss: 'me', extra: 1 });` });
    const claims = await userToken();
    expect(claims).toMatchObject({ sub: fx.user.id, aud: HASURA_API, iss: server.issuer, extra: 1 });
    expect(claims.scope).toBe('read:user maintain:user');
  });

  it('fails the token request with access_denied and the script message on api.denyAccess', async () => {
    await putScript({ script: `const getCustomJwtClaims = async ({ api }) => { api.denyAccess('no'); };` });
    await expect(userToken()).rejects.toMatchObject({ error: 'access_denied', error_description: 'no' });
  });

  it('follows the failure policy: deny fails the request, omit issues the token without the claims', async () => {
    await putScript({ script: 'const getCustomJwtClaims = async () => { throw new Error("boom"); };', onError: 'deny' });
    await expect(userToken()).rejects.toMatchObject({ error: 'access_denied', error_description: expect.stringMatching(/runtime/) });
    await putScript({ script: 'const getCustomJwtClaims = async () => { while (true) {} };', onError: 'omit' });
    const claims = await userToken();
    expect(claims.sub).toBe(fx.user.id);
    expect(claims[HASURA]).toBeUndefined();
    expect((await server.api('DELETE', '/configs/jwt-customizer/access-token')).status).toBe(204);
    expect((await server.api('GET', '/configs/jwt-customizer/access-token')).status).toBe(404);
  });

  it('tests a script against samples without saving it, reporting errors with their line', async () => {
    const ok = await server.api('POST', '/configs/jwt-customizer/test', {
      tokenType: 'access-token',
      script: 'const getCustomJwtClaims = async ({ context }) => ({ who: context.user.id, sub: "x" });',
      token: { aud: HASURA_API },
      context: { user: { id: 'u1', roles: [] } },
    });
    expect(ok.status).toBe(200);
    expect(ok.body.claims).toEqual({ who: 'u1' });
    expect(ok.body.warnings.join(' ')).toMatch(/sub/);
    const bad = await server.api('POST', '/configs/jwt-customizer/test', {
      tokenType: 'access-token',
      script: 'const getCustomJwtClaims = async () => {\n  return nope.x;\n};',
      token: {},
      context: {},
    });
    expect(bad.body.error).toMatchObject({ kind: 'runtime', line: 2 });
    expect((await server.api('GET', '/configs/jwt-customizer/access-token')).status).toBe(404);
    const invalid = await server.api('POST', '/configs/jwt-customizer/test', { tokenType: 'id-token', script: '' });
    expect(invalid.status).toBe(400);
    expect(invalid.body.errors.map((e: { path: string }) => e.path).sort()).toEqual(['script', 'tokenType']);
  });

  it('gives the same context to the test endpoint as at issuance (context-sample)', async () => {
    const sample = await server.api('GET', `/configs/jwt-customizer/context-sample?userId=${fx.user.id}&applicationId=${fx.spa.id}`);
    expect(sample.status).toBe(200);
    expect(sample.body.user).toMatchObject({ id: fx.user.id, username: 'demo', hasPassword: true, isSuspended: false });
    expect(sample.body.user.roles.map((r: { name: string }) => r.name)).toEqual(['user:reader', 'user:maintainer']);
    expect(sample.body.user.roles[0].scopes[0]).toMatchObject({ name: 'read:user', resource: { indicator: HASURA_API } });
    expect(sample.body.application).toMatchObject({ id: fx.spa.id, type: 'SPA' });
  });

  it('runs the client-credentials script with the application context', async () => {
    const role = await server.api('POST', '/roles', {
      name: `svc:reader-${dialect}`,
      type: 'MachineToMachine',
      scopeIds: [fx.scopes.read],
    });
    const app = await server.api('POST', '/applications', { name: 'svc', type: 'MachineToMachine', customData: { tier: 'gold' } });
    await server.api('POST', `/applications/${app.body.id}/roles`, { roleIds: [role.body.id] });
    await putScript(
      {
        script:
          'const getCustomJwtClaims = async ({ context, token }) => ({ tier: context.application.customData.tier, kind: token.kind, hasUser: "user" in context });',
      },
      'client-credentials',
    );
    const { body } = await clientCredentialsToken(server.endpoint, app.body.id, app.body.secret, {
      resource: HASURA_API,
      scope: 'read:user',
    });
    expect(decodeJwt(body.access_token)).toMatchObject({ tier: 'gold', kind: 'ClientCredentials', hasUser: false, scope: 'read:user' });
    await server.api('DELETE', '/configs/jwt-customizer/client-credentials');
  });
});

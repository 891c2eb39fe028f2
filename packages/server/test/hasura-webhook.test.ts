import { importJWK, SignJWT, UnsecuredJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decideWebhookResponse } from '../src/domain/hasura-model/index.ts';
import { signInWithCode } from './support/browser.ts';
import { startChildServer } from './support/child-server.ts';
import { DIALECTS } from './support/databases.ts';
import { HASURA_API, seedHasuraGuide, SPA_REDIRECT, type HasuraFixture, signInToHasura } from './support/seed.ts';
import { clientCredentialsToken, startTestServer, type TestServer } from './support/server.ts';

const q = (extra = '') => `?resource=${encodeURIComponent(HASURA_API)}${extra}`;

describe.each(DIALECTS)('Hasura webhook /api/authn/hasura (%s)', (dialect) => {
  let server: TestServer;
  let fx: HasuraFixture;
  let token: string;

  beforeAll(async () => {
    server = await startTestServer(dialect);
    fx = await seedHasuraGuide(server);
    token = (await signInToHasura(server.issuer, fx)).tokens.access_token;
  });
  afterAll(() => server?.stop());

  const get = (headers: Record<string, string>, query = q(), base = server.endpoint) =>
    fetch(`${base}/api/authn/hasura${query}`, { headers });
  const post = (headers: Record<string, string>, query = q()) =>
    fetch(`${server.endpoint}/api/authn/hasura${query}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ headers, request: { query: '{ user { id } }' } }),
    });
  /** What Hasura makes of our reply (HASURA.md 5.4). */
  const asHasura = async (res: Response) => decideWebhookResponse({ status: res.status, body: await res.text() });

  it.each([
    ['GET, x-hasura-role', () => get({ authorization: `Bearer ${token}`, 'x-hasura-role': 'user:maintainer' }), 'user:maintainer'],
    ['GET, Expected-Role', () => get({ Authorization: `Bearer ${token}`, 'Expected-Role': 'user:maintainer' }), 'user:maintainer'],
    ['GET, no role: the default', () => get({ authorization: `Bearer ${token}` }), 'user:reader'],
    ['POST, x-hasura-role', () => post({ Authorization: `Bearer ${token}`, 'X-Hasura-Role': 'user:maintainer' }), 'user:maintainer'],
    ['POST, Expected-Role', () => post({ authorization: `Bearer ${token}`, 'expected-role': 'user:reader' }), 'user:reader'],
  ])('accepts a held role (%s)', async (_name, call, role) => {
    const res = await call();
    expect(res.status).toBe(200);
    const body = await res.clone().json();
    expect(body).toEqual({ 'X-Hasura-User-Id': fx.user.id, 'X-Hasura-Role': role, 'Cache-Control': 'max-age=0' });
    expect(await asHasura(res)).toMatchObject({ accepted: true, role, session: { 'x-hasura-user-id': fx.user.id } });
  });

  it('answers no token with the unauthorized role, or 401 without one', async () => {
    const anon = await get({}, q('&unauthorizedRole=anonymous'));
    expect((await anon.json()) as any).toEqual({ 'X-Hasura-Role': 'anonymous' });
    const refused = await get({});
    expect(refused.status).toBe(401);
    expect(((await refused.json()) as any).message).toMatch(/No Authorization header/);
    expect(await asHasura(await post({}))).toMatchObject({
      accepted: false,
      status: 401,
      message: 'Authentication hook unauthorized this request',
    });
  });

  it('refuses bad tokens with 401 and a JSON reason', async () => {
    const key = server.app.oidc.keySet().signing;
    const privateKey = await importJWK(key, key.alg);
    const sign = (claims: Record<string, unknown>, opts: { iss?: string; aud?: string; exp?: number } = {}) =>
      new SignJWT({ client_id: fx.spa.id, ...claims })
        .setProtectedHeader({ alg: key.alg!, kid: key.kid, typ: 'at+jwt' })
        .setSubject(fx.user.id)
        .setIssuer(opts.iss ?? server.issuer)
        .setAudience(opts.aud ?? HASURA_API)
        .setIssuedAt()
        .setExpirationTime(opts.exp ?? Math.floor(Date.now() / 1000) + 600)
        .sign(privateKey);
    const cases: Array<[string, string, string]> = [
      ['expired', await sign({}, { exp: Math.floor(Date.now() / 1000) - 10 }), 'expired'],
      ['another issuer', await sign({}, { iss: 'https://evil.example.com/oidc' }), 'invalid_token'],
      ['wrong audience', await sign({}, { aud: 'https://other.example.com' }), 'wrong_audience'],
      ['alg none', new UnsecuredJWT({ sub: fx.user.id, aud: HASURA_API, iss: server.issuer }).encode(), 'invalid_token'],
      ['garbage', 'garbage.garbage.garbage', 'invalid_token'],
    ];
    for (const [name, bad, error] of cases) {
      const res = await get({ authorization: `Bearer ${bad}`, 'x-hasura-role': 'user:reader' });
      expect(res.status, name).toBe(401);
      expect(((await res.json()) as any).error, name).toBe(error);
    }
    const forged = await sign({});
    expect((await get({ authorization: `Bearer ${forged}x` })).status).toBe(401);
    expect((await get({ authorization: `Basic ${token}` })).status).toBe(401);
  });

  it('refuses a role not held, and a role removed through the Management API on the very next call', async () => {
    const other = await server.api('POST', '/roles', { name: `admin:${dialect}` });
    expect((await get({ authorization: `Bearer ${token}`, 'x-hasura-role': other.body.name })).status).toBe(401);
    expect((await get({ authorization: `Bearer ${token}`, 'x-hasura-role': 'user:maintainer' })).status).toBe(200);
    expect((await server.api('DELETE', `/users/${fx.user.id}/roles/${fx.roles.maintainer}`)).status).toBe(204);
    const res = await get({ authorization: `Bearer ${token}`, 'x-hasura-role': 'user:maintainer' });
    expect(res.status).toBe(401);
    expect((await res.json()) as any).toMatchObject({ error: 'role_not_held' });
    await server.api('POST', `/users/${fx.user.id}/roles`, { roleIds: [fx.roles.maintainer] });
    expect((await get({ authorization: `Bearer ${token}`, 'x-hasura-role': 'user:maintainer' })).status).toBe(200);
  });

  it('refuses a suspended user at once', async () => {
    await server.api('PATCH', `/users/${fx.user.id}/is-suspended`, { isSuspended: true });
    expect((await get({ authorization: `Bearer ${token}` })).status).toBe(401);
    await server.api('PATCH', `/users/${fx.user.id}/is-suspended`, { isSuspended: false });
    expect((await get({ authorization: `Bearer ${token}` })).status).toBe(200);
  });

  it('accepts machine tokens with machine roles', async () => {
    const role = await server.api('POST', '/roles', { name: 'svc:reader', type: 'MachineToMachine', scopeIds: [fx.scopes.read] });
    const app = await server.api('POST', '/applications', { name: 'svc', type: 'MachineToMachine' });
    await server.api('POST', `/applications/${app.body.id}/roles`, { roleIds: [role.body.id] });
    const machine = (
      await clientCredentialsToken(server.endpoint, app.body.id, app.body.secret, { resource: HASURA_API, scope: 'read:user' })
    ).body.access_token;
    const res = await get({ authorization: `Bearer ${machine}` });
    expect((await res.json()) as any).toMatchObject({ 'X-Hasura-User-Id': app.body.id, 'X-Hasura-Role': 'svc:reader' });
    expect((await get({ authorization: `Bearer ${machine}`, 'x-hasura-role': 'user:reader' })).status).toBe(401);
  });

  it('answers 400 without the resource parameter', async () => {
    const res = await get({ authorization: `Bearer ${token}` }, '');
    expect(res.status).toBe(400);
  });

  it.each([
    ['a body that is not JSON', '{"headers":', 400, 'The request body is not valid JSON.'],
    ['a body over 1 MiB', JSON.stringify({ headers: {}, pad: 'x'.repeat(1024 * 1024) }), 413, 'The request body is larger than 1 MiB.'],
  ])('answers a POST with %s in its own { error, message } shape', async (_name, body, status, message) => {
    const res = await fetch(`${server.endpoint}/api/authn/hasura${q()}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body,
    });
    expect(res.status).toBe(status);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    expect(await res.json()).toEqual({ error: 'invalid_request', message });
  });
});

describe('Hasura webhook cache time', () => {
  it('tells Hasura (in the body) how long to cache, capped by the token remaining life', async () => {
    const server = await startTestServer('sqlite', { env: { HASURA_WEBHOOK_CACHE_SECONDS: '120' } });
    try {
      const fx = await seedHasuraGuide(server);
      const signIn = async () =>
        (
          await signInWithCode({
            issuer: server.issuer,
            clientId: fx.spa.id,
            redirectUri: SPA_REDIRECT,
            username: fx.user.username,
            password: fx.user.password,
            scope: 'openid offline_access read:user',
            resource: HASURA_API,
          })
        ).tokens.access_token;
      const maxAge = async (token: string) =>
        (
          (await (
            await fetch(`${server.endpoint}/api/authn/hasura${q()}`, { headers: { authorization: `Bearer ${token}` } })
          ).json()) as any
        )['Cache-Control'];
      expect(await maxAge(await signIn())).toBe('max-age=120');
      await server.api('PATCH', `/resources/${fx.resourceId}`, { accessTokenTtl: 60 });
      expect(await maxAge(await signIn())).toMatch(/^max-age=(5\d|60)$/);
    } finally {
      await server.stop();
    }
  });
});

describe.runIf(DIALECTS.includes('postgres'))('Hasura webhook across two processes on PostgreSQL', () => {
  it('refuses a role removed through the other process within a second', async () => {
    const a = await startTestServer('postgres');
    const fx = await seedHasuraGuide(a);
    const b = await startChildServer({ DATABASE_URL: a.databaseUrl, ENDPOINT: a.endpoint });
    try {
      const { tokens } = await signInToHasura(a.issuer, fx);
      const call = () =>
        fetch(`${b.endpoint}/api/authn/hasura${q()}`, {
          headers: { authorization: `Bearer ${tokens.access_token}`, 'x-hasura-role': 'user:maintainer' },
        });
      expect((await call()).status).toBe(200); // B has now cached the role assignment
      expect((await a.api('DELETE', `/users/${fx.user.id}/roles/${fx.roles.maintainer}`)).status).toBe(204);
      const removedAt = Date.now();
      let status = 200;
      while (status === 200 && Date.now() - removedAt < 1000) {
        status = (await call()).status;
        if (status === 200) await new Promise((r) => setTimeout(r, 20));
      }
      expect(status).toBe(401);
      expect(Date.now() - removedAt).toBeLessThan(1000);
    } finally {
      await b.stop();
      await a.stop();
    }
  }, 60_000);
});

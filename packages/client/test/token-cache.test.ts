import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HASURA_API, seedHasuraGuide, SPA_REDIRECT, type HasuraFixture } from '../../server/test/support/seed.ts';
import { startTestServer, type TestServer } from '../../server/test/support/server.ts';
import { GatehouseClient, GatehouseError, MemoryStorage, type GatehouseConfig } from '../src/index.ts';
import { decodeJwtPayload } from '../src/claims.ts';
import { manualClock, recordingFetch, signInThroughHostedPage } from './support/hosted-sign-in.ts';

const REPORTS_API = 'https://reports.example.com/api';
const MINUTE = 60_000;

describe('access token cache and refresh (against the real server)', () => {
  let server: TestServer;
  let fx: HasuraFixture;

  beforeAll(async () => {
    server = await startTestServer('sqlite');
    fx = await seedHasuraGuide(server);
    // A second resource with its own scope and role, held by the user.
    const resource = await server.api('POST', '/resources', { name: 'Reports', indicator: REPORTS_API });
    expect(resource.status).toBe(201);
    const scope = await server.api('POST', `/resources/${resource.body.id}/scopes`, { name: 'read:reports' });
    const role = await server.api('POST', '/roles', { name: 'reports:reader', type: 'User', scopeIds: [scope.body.id] });
    expect((await server.api('POST', `/users/${fx.user.id}/roles`, { roleIds: [role.body.id] })).status).toBe(201);
  });
  afterAll(() => server?.stop());

  async function signedInClient(overrides: Partial<GatehouseConfig> = {}) {
    const recorder = recordingFetch();
    const clock = manualClock();
    const storage = new MemoryStorage();
    const client = new GatehouseClient({
      endpoint: server.endpoint,
      appId: fx.spa.id,
      resources: [HASURA_API, REPORTS_API],
      scopes: ['read:user', 'maintain:user', 'read:reports'],
      fetch: recorder.fetch,
      now: clock.now,
      storage,
      ...overrides,
    });
    await signInThroughHostedPage(client, { redirectUri: SPA_REDIRECT, username: fx.user.username, password: fx.user.password });
    recorder.reset();
    const storedRefreshToken = async () => JSON.parse((await storage.getItem('session'))!).refreshToken as string;
    return { client, recorder, clock, storage, storedRefreshToken };
  }

  it('gets a JWT for the resource with the refresh token and serves it from the cache afterwards', async () => {
    const { client, recorder } = await signedInClient();
    const token = await client.getAccessToken(HASURA_API);
    const claims = decodeJwtPayload<Record<string, unknown>>(token);
    expect(claims).toMatchObject({ aud: HASURA_API, sub: fx.user.id, client_id: fx.spa.id, scope: 'read:user maintain:user' });
    const [refresh] = recorder.refreshes();
    expect(new URLSearchParams(refresh.body).get('resource')).toBe(HASURA_API);
    expect(await client.getAccessToken(HASURA_API)).toBe(token);
    expect(recorder.to('/oidc/token')).toHaveLength(1);
  });

  it('refreshes shortly before expiry, storing each rotated refresh token', async () => {
    const { client, recorder, clock, storedRefreshToken } = await signedInClient();
    const first = await client.getAccessToken(HASURA_API);
    const { exp, iat } = decodeJwtPayload<{ exp: number; iat: number }>(first);
    const lifetime = (exp - iat) * 1000;
    const firstRefreshToken = await storedRefreshToken();

    clock.advance(lifetime - MINUTE - 1_000); // just before the refresh window
    expect(await client.getAccessToken(HASURA_API)).toBe(first);
    expect(recorder.refreshes()).toHaveLength(1);

    clock.advance(2_000); // inside the last minute
    const second = await client.getAccessToken(HASURA_API);
    expect(second).not.toBe(first);
    expect(recorder.refreshes()).toHaveLength(2);
    const secondRefreshToken = await storedRefreshToken();
    expect(secondRefreshToken).not.toBe(firstRefreshToken);

    // Had the old refresh token been reused, the server would have revoked the grant.
    clock.advance(lifetime);
    const third = await client.getAccessToken(HASURA_API);
    expect(decodeJwtPayload<{ aud: string }>(third).aud).toBe(HASURA_API);
    expect(recorder.refreshes()).toHaveLength(3);
    expect(await client.isAuthenticated()).toBe(true);
  });

  it('collapses concurrent calls for one resource into one refresh', async () => {
    const { client, recorder } = await signedInClient();
    const tokens = await Promise.all(Array.from({ length: 8 }, () => client.getAccessToken(HASURA_API)));
    expect(new Set(tokens).size).toBe(1);
    expect(recorder.to('/oidc/token')).toHaveLength(1);
  });

  it('renews a token the API rejected once, however many callers report it, and keeps a newer one', async () => {
    const { client, recorder } = await signedInClient();
    const rejected = await client.getAccessToken(HASURA_API);
    const reports = await client.getAccessToken(REPORTS_API);
    recorder.reset();
    await Promise.all(Array.from({ length: 4 }, () => client.invalidateAccessToken(HASURA_API, rejected)));
    const renewed = await Promise.all(Array.from({ length: 4 }, () => client.getAccessToken(HASURA_API)));
    expect(new Set(renewed).size).toBe(1);
    expect(renewed[0]).not.toBe(rejected);
    expect(decodeJwtPayload<{ aud: string }>(renewed[0]).aud).toBe(HASURA_API);
    expect(recorder.refreshes()).toHaveLength(1);
    // A late report about the old token, or a token of another resource, changes nothing.
    await client.invalidateAccessToken(HASURA_API, rejected);
    await client.invalidateAccessToken(REPORTS_API, rejected);
    expect(await client.getAccessToken(HASURA_API)).toBe(renewed[0]);
    expect(await client.getAccessToken(REPORTS_API)).toBe(reports);
    expect(recorder.refreshes()).toHaveLength(1);
  });

  it('serialises refreshes for different resources, so a rotated refresh token is never used twice', async () => {
    const { client, recorder } = await signedInClient();
    const calls = [HASURA_API, REPORTS_API, undefined, HASURA_API, REPORTS_API].map((r) => client.getAccessToken(r));
    const tokens = await Promise.all(calls);
    expect(recorder.refreshes()).toHaveLength(2); // the resource-less token came with sign-in
    expect(recorder.maxConcurrentTokenRequests()).toBe(1);
    expect(tokens[0]).toBe(tokens[3]);
    expect(await client.isAuthenticated()).toBe(true);
  });

  it('gives two resources two different tokens, each with its own audience and scopes', async () => {
    const { client } = await signedInClient();
    const hasura = await client.getAccessTokenClaims(HASURA_API);
    const reports = await client.getAccessTokenClaims(REPORTS_API);
    expect(hasura.jti).not.toBe(reports.jti);
    expect(hasura).toMatchObject({ aud: HASURA_API, scope: 'read:user maintain:user' });
    expect(reports).toMatchObject({ aud: REPORTS_API, scope: 'read:reports' });
    // Both stay cached side by side.
    expect((await client.getAccessTokenClaims(HASURA_API)).jti).toBe(hasura.jti);
  });

  it('without a resource, returns the opaque token from sign-in (for /oidc/me), and renews it', async () => {
    const { client, recorder, clock } = await signedInClient();
    const token = await client.getAccessToken();
    expect(token.split('.')).toHaveLength(1);
    expect(recorder.to('/oidc/token')).toHaveLength(0);
    const me = await fetch(`${server.issuer}/me`, { headers: { authorization: `Bearer ${token}` } });
    expect(me.status).toBe(200);
    expect((await me.json()).sub).toBe(fx.user.id);

    clock.advance(2 * 3600_000); // expired: renewed with the refresh token, without a resource
    const renewed = await client.getAccessToken();
    expect(renewed).not.toBe(token);
    expect(new URLSearchParams(recorder.refreshes()[0].body).has('resource')).toBe(false);
    expect((await client.fetchUserInfo()).sub).toBe(fx.user.id);
  });

  it('clears the session and throws session_expired when the refresh token was revoked', async () => {
    const { client, storage, storedRefreshToken } = await signedInClient();
    await client.getAccessToken(HASURA_API);
    const revoked = await fetch(`${server.issuer}/token/revocation`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ client_id: fx.spa.id, token: await storedRefreshToken(), token_type_hint: 'refresh_token' }),
    });
    expect(revoked.status).toBe(200);

    // The cached token is still served; the next refresh finds the grant gone.
    expect(await client.getAccessToken(HASURA_API)).toBeTruthy();
    const error = await client.getAccessToken(REPORTS_API).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GatehouseError);
    expect(error).toMatchObject({ code: 'session_expired', oauthError: 'invalid_grant' });
    expect(await client.isAuthenticated()).toBe(false);
    expect(await storage.getItem('session')).toBeNull();
    await expect(client.getAccessToken(HASURA_API)).rejects.toMatchObject({ code: 'not_authenticated' });
  });

  it('rejects every waiting caller with session_expired when the shared refresh fails', async () => {
    const { client, storedRefreshToken } = await signedInClient();
    await fetch(`${server.issuer}/token/revocation`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ client_id: fx.spa.id, token: await storedRefreshToken() }),
    });
    const results = await Promise.allSettled([client.getAccessToken(HASURA_API), client.getAccessToken(HASURA_API)]);
    for (const r of results) expect(r).toMatchObject({ status: 'rejected', reason: { code: 'session_expired' } });
  });

  it('refuses a resource that is not configured without contacting the server', async () => {
    const { client, recorder } = await signedInClient();
    const error = await client.getAccessToken('https://unknown.example.com/api').catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'resource_not_configured' });
    expect(recorder.requests).toHaveLength(0);
    expect((await client.getAccessTokenClaims(HASURA_API)).aud).toBe(HASURA_API);
  });

  it('keeps the session when the server says the resource is not in the grant (refused before rotation)', async () => {
    // Signed in without REPORTS_API in the request, then configured with it.
    const storage = new MemoryStorage();
    const base = { endpoint: server.endpoint, appId: fx.spa.id, storage, scopes: ['read:user', 'read:reports'] };
    await signInThroughHostedPage(new GatehouseClient({ ...base, resources: [HASURA_API] }), {
      redirectUri: SPA_REDIRECT,
      username: fx.user.username,
      password: fx.user.password,
    });
    const client = new GatehouseClient({ ...base, resources: [HASURA_API, REPORTS_API] });
    await expect(client.getAccessToken(REPORTS_API)).rejects.toMatchObject({ code: 'token_request_failed', oauthError: 'invalid_target' });
    expect(await client.isAuthenticated()).toBe(true);
    // The refresh token was not consumed: the granted resource still renews through it.
    await client.invalidateAccessToken(HASURA_API, await client.getAccessToken(HASURA_API));
    expect((await client.getAccessTokenClaims(HASURA_API)).aud).toBe(HASURA_API);
  });

  it('throws not_authenticated before sign-in', async () => {
    const client = new GatehouseClient({ endpoint: server.endpoint, appId: fx.spa.id, resources: [HASURA_API] });
    expect(await client.isAuthenticated()).toBe(false);
    await expect(client.getAccessToken(HASURA_API)).rejects.toMatchObject({ name: 'GatehouseError', code: 'not_authenticated' });
    await expect(client.getIdTokenClaims()).rejects.toMatchObject({ code: 'not_authenticated' });
  });
});

describe('60-second access tokens', () => {
  let server: TestServer;
  let fx: HasuraFixture;

  beforeAll(async () => {
    server = await startTestServer('sqlite');
    fx = await seedHasuraGuide(server);
    // The resource's own lifetime decides its tokens' lifetime.
    await server.api('PATCH', `/resources/${fx.resourceId}`, { accessTokenTtl: 60 });
  });
  afterAll(() => server?.stop());

  it('renews a 60-second token at half its lifetime', async () => {
    const recorder = recordingFetch();
    const clock = manualClock();
    const client = new GatehouseClient({
      endpoint: server.endpoint,
      appId: fx.spa.id,
      resources: [HASURA_API],
      fetch: recorder.fetch,
      now: clock.now,
    });
    await signInThroughHostedPage(client, { redirectUri: SPA_REDIRECT, username: fx.user.username, password: fx.user.password });
    const first = await client.getAccessToken(HASURA_API);
    const { exp, iat } = decodeJwtPayload<{ exp: number; iat: number }>(first);
    expect(exp - iat).toBe(60);
    clock.advance(29_000);
    expect(await client.getAccessToken(HASURA_API)).toBe(first);
    clock.advance(2_000);
    expect(await client.getAccessToken(HASURA_API)).not.toBe(first);
    expect(recorder.refreshes()).toHaveLength(2);
  });
});

import { createServer, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CookieJar, navigate, submitSignIn } from '../../server/test/support/browser.ts';
import { HASURA_API, seedHasuraGuide, SPA_REDIRECT, type HasuraFixture } from '../../server/test/support/seed.ts';
import { freePort, startTestServer, type TestServer } from '../../server/test/support/server.ts';
import { GatehouseClient, GatehouseError, MemoryStorage, type GatehouseConfig } from '../src/index.ts';
import { recordingFetch, signInThroughHostedPage } from './support/hosted-sign-in.ts';

describe('sign-in, callback, sign-out and fetchWithToken (against the real server)', () => {
  let server: TestServer;
  let fx: HasuraFixture;
  let echo: Server;
  let echoUrl: string;

  beforeAll(async () => {
    server = await startTestServer('sqlite');
    fx = await seedHasuraGuide(server);
    echo = createServer((req, res) => {
      let body = '';
      req.on('data', (chunk: Buffer) => (body += chunk.toString()));
      req.on('end', () => {
        res.setHeader('content-type', 'application/json');
        res.end(JSON.stringify({ method: req.method, headers: req.headers, body }));
      });
    });
    const port = await freePort();
    await new Promise<void>((resolve) => echo.listen(port, '127.0.0.1', resolve));
    echoUrl = `http://127.0.0.1:${port}/echo`;
  });
  afterAll(async () => {
    await new Promise((resolve) => echo?.close(resolve));
    await server?.stop();
  });

  const newClient = (overrides: Partial<GatehouseConfig> = {}) =>
    new GatehouseClient({ endpoint: server.endpoint, appId: fx.spa.id, resources: [HASURA_API], scopes: ['read:user'], ...overrides });
  const user = () => ({ redirectUri: SPA_REDIRECT, username: fx.user.username, password: fx.user.password });

  it('builds an authorization code + PKCE request with state, nonce, the default scopes and every resource', async () => {
    const client = newClient({ resources: [HASURA_API, 'https://other.example.com/api'] });
    const url = new URL(await client.getSignInUrl(SPA_REDIRECT));
    expect(url.origin + url.pathname).toBe(`${server.issuer}/auth`);
    const q = url.searchParams;
    expect(q.get('client_id')).toBe(fx.spa.id);
    expect(q.get('response_type')).toBe('code');
    expect(q.get('redirect_uri')).toBe(SPA_REDIRECT);
    expect(q.get('scope')).toBe('openid offline_access profile read:user');
    expect(q.get('prompt')).toBe('consent');
    expect(q.get('code_challenge_method')).toBe('S256');
    expect(q.get('code_challenge')).toMatch(/^[\w-]{43}$/);
    expect(q.get('state')).toBeTruthy();
    expect(q.get('nonce')).toBeTruthy();
    expect(q.getAll('resource')).toEqual([HASURA_API, 'https://other.example.com/api']);
    const again = new URL(await client.getSignInUrl(SPA_REDIRECT)).searchParams;
    expect(again.get('state')).not.toBe(q.get('state'));
    expect(again.get('code_challenge')).not.toBe(q.get('code_challenge'));
  });

  it('signs in through the hosted page and exposes the validated ID token claims and the userinfo', async () => {
    const client = newClient();
    await signInThroughHostedPage(client, user());
    expect(await client.isAuthenticated()).toBe(true);
    const claims = await client.getIdTokenClaims();
    expect(claims).toMatchObject({ iss: server.issuer, sub: fx.user.id, aud: fx.spa.id });
    expect((await client.getIdToken()).split('.')).toHaveLength(3);
    expect(await client.fetchUserInfo()).toMatchObject({ sub: fx.user.id, username: 'demo', name: 'Demo User' });
  });

  it('navigates to the authorization URL with signIn, and needs somewhere to navigate', async () => {
    const visited: string[] = [];
    await newClient({ navigate: (url) => void visited.push(url) }).signIn(SPA_REDIRECT, { loginHint: 'demo' });
    expect(visited).toHaveLength(1);
    expect(new URL(visited[0]).searchParams.get('login_hint')).toBe('demo');
    await expect(newClient().signIn(SPA_REDIRECT)).rejects.toMatchObject({ code: 'navigation_unavailable' });
  });

  it('exchanges the code once when the same callback is handled twice at the same time', async () => {
    const recorder = recordingFetch();
    const client = newClient({ fetch: recorder.fetch });
    const jar = new CookieJar();
    const page = await navigate(jar, await client.getSignInUrl(SPA_REDIRECT), SPA_REDIRECT);
    const callback = await submitSignIn(jar, page, fx.user.username, fx.user.password, SPA_REDIRECT);
    await Promise.all([client.handleSignInCallback(callback.url), client.handleSignInCallback(callback.url)]);
    expect(recorder.to('/oidc/token')).toHaveLength(1);
    await expect(client.handleSignInCallback(callback.url)).rejects.toMatchObject({ code: 'sign_in_session_not_found' });
    expect(await client.isAuthenticated()).toBe(true);
  });

  it('keeps appState with the pending sign-in, out of the request, and hands it back at the callback', async () => {
    const client = newClient();
    const jar = new CookieJar();
    const signInUrl = await client.getSignInUrl(SPA_REDIRECT, { appState: '/orders/42?tab=items' });
    expect(signInUrl).not.toContain('orders');
    const page = await navigate(jar, signInUrl, SPA_REDIRECT);
    const callback = await submitSignIn(jar, page, fx.user.username, fx.user.password, SPA_REDIRECT);
    expect(callback.url).not.toContain('orders');
    expect(await client.handleSignInCallback(callback.url)).toEqual({ appState: '/orders/42?tab=items' });
    // Without appState the result is empty.
    const plain = newClient();
    const plainJar = new CookieJar();
    const plainPage = await navigate(plainJar, await plain.getSignInUrl(SPA_REDIRECT), SPA_REDIRECT);
    const plainCallback = await submitSignIn(plainJar, plainPage, fx.user.username, fx.user.password, SPA_REDIRECT);
    expect(await plain.handleSignInCallback(plainCallback.url)).toEqual({});
  });

  it('rejects callbacks that do not belong to the pending sign-in', async () => {
    const client = newClient();
    await expect(client.handleSignInCallback(`${SPA_REDIRECT}?code=x&state=y`)).rejects.toMatchObject({
      code: 'sign_in_session_not_found',
    });

    const state = () => client.getSignInUrl(SPA_REDIRECT).then((u) => new URL(u).searchParams.get('state')!);
    await state();
    await expect(client.handleSignInCallback(`${SPA_REDIRECT}?code=x&state=wrong&iss=${server.issuer}`)).rejects.toMatchObject({
      code: 'invalid_callback',
    });
    await state();
    await expect(client.handleSignInCallback(`http://localhost:5173/elsewhere?code=x`)).rejects.toMatchObject({ code: 'invalid_callback' });
    await expect(client.handleSignInCallback('not a url')).rejects.toMatchObject({ code: 'invalid_callback' });
    const s = await state();
    const denied = await client
      .handleSignInCallback(
        `${SPA_REDIRECT}?error=access_denied&error_description=nope&state=${s}&iss=${encodeURIComponent(server.issuer)}`,
      )
      .catch((e: unknown) => e);
    expect(denied).toBeInstanceOf(GatehouseError);
    expect(denied).toMatchObject({ code: 'callback_error', oauthError: 'access_denied' });
    expect(await client.isAuthenticated()).toBe(false);
  });

  it('signs out: clears the session, revokes the refresh token and returns the end-session URL', async () => {
    const storage = new MemoryStorage();
    const visited: string[] = [];
    const client = newClient({ storage, navigate: (url) => void visited.push(url) });
    await signInThroughHostedPage(client, user());
    const { refreshToken, idToken } = JSON.parse((await storage.getItem('session'))!);

    const url = await client.signOut('http://localhost:5173/');
    expect(visited).toEqual([url]);
    const end = new URL(url!);
    expect(end.origin + end.pathname).toBe(`${server.issuer}/session/end`);
    expect(Object.fromEntries(end.searchParams)).toEqual({
      client_id: fx.spa.id,
      id_token_hint: idToken,
      post_logout_redirect_uri: 'http://localhost:5173/',
    });
    expect(await client.isAuthenticated()).toBe(false);
    const refresh = await fetch(`${server.issuer}/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ grant_type: 'refresh_token', refresh_token: refreshToken, client_id: fx.spa.id }),
    });
    expect((await refresh.json()).error).toBe('invalid_grant');
  });

  it('signs a confidential (server-side) app in with client_secret_basic', async () => {
    const redirectUri = 'http://localhost:4000/callback';
    const app = await server.api('POST', '/applications', {
      name: 'SSR app',
      type: 'Traditional',
      oidcClientMetadata: { redirectUris: [redirectUri], postLogoutRedirectUris: [] },
    });
    expect(app.status).toBe(201);
    const recorder = recordingFetch();
    const client = newClient({ appId: app.body.id, appSecret: app.body.secret, fetch: recorder.fetch, storage: new MemoryStorage() });
    await signInThroughHostedPage(client, { ...user(), redirectUri });
    expect((await client.getAccessTokenClaims(HASURA_API)).client_id).toBe(app.body.id);
    const tokenRequests = recorder.to('/oidc/token');
    expect(tokenRequests).toHaveLength(2);
    for (const r of tokenRequests) expect(r.headers.get('authorization')).toMatch(/^Basic /);
  });

  it('sends the resource token and the Hasura role with fetchWithToken, keeping the caller’s request', async () => {
    const client = newClient();
    await signInThroughHostedPage(client, user());
    const res = await client.fetchWithToken(echoUrl, {
      resource: HASURA_API,
      hasuraRole: 'user:reader',
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-extra': '1' },
      body: '{"query":"{ users { id } }"}',
    });
    const echoed = await res.json();
    expect(echoed.method).toBe('POST');
    expect(echoed.body).toBe('{"query":"{ users { id } }"}');
    expect(echoed.headers).toMatchObject({
      authorization: `Bearer ${await client.getAccessToken(HASURA_API)}`,
      'x-hasura-role': 'user:reader',
      'x-extra': '1',
      'content-type': 'application/json',
    });
    const plain = await (await client.fetchWithToken(echoUrl, { resource: HASURA_API })).json();
    expect(plain.headers['x-hasura-role']).toBeUndefined();
  });

  it('reports configuration, network and discovery problems with their own codes', async () => {
    for (const endpoint of ['not a url', 'http://gatehouse.example.com', 'ftp://localhost']) {
      expect(() => new GatehouseClient({ endpoint, appId: 'a' })).toThrow(expect.objectContaining({ code: 'invalid_config' }));
    }
    expect(() => new GatehouseClient({ endpoint: 'https://id.example.com', appId: '' })).toThrow(
      expect.objectContaining({ code: 'invalid_config' }),
    );
    const closed = `http://127.0.0.1:${await freePort()}`;
    await expect(newClient({ endpoint: closed }).getSignInUrl(SPA_REDIRECT)).rejects.toMatchObject({ code: 'network_error' });
    await expect(newClient({ endpoint: echoUrl.replace('/echo', '') }).getSignInUrl(SPA_REDIRECT)).rejects.toMatchObject({
      code: 'discovery_failed',
    });
  });
});

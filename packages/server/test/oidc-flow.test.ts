import { createRemoteJWKSet, decodeJwt, decodeProtectedHeader, jwtVerify } from 'jose';
import * as oidc from 'openid-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CookieJar, discover, navigate, openSignInPage, signInWithCode, submitSignIn } from './support/browser.ts';
import { DIALECTS } from './support/databases.ts';
import { HASURA_API, seedHasuraGuide, SPA_REDIRECT, type HasuraFixture } from './support/seed.ts';
import { clientCredentialsToken, startTestServer, type TestServer } from './support/server.ts';

describe.each(DIALECTS)('OIDC with RBAC-scoped access tokens (%s)', (dialect) => {
  let server: TestServer;
  let fx: HasuraFixture;

  beforeAll(async () => {
    server = await startTestServer(dialect);
    fx = await seedHasuraGuide(server, { userRoles: ['reader'] });
  });
  afterAll(() => server?.stop());

  const signIn = (scope = 'openid offline_access profile read:user maintain:user') =>
    signInWithCode({
      issuer: server.issuer,
      clientId: fx.spa.id,
      redirectUri: SPA_REDIRECT,
      username: fx.user.username,
      password: fx.user.password,
      scope,
      resource: HASURA_API,
    });

  it('issues an ID token, a refresh token and a verifiable JWT access token for the resource', async () => {
    const { tokens } = await signIn();
    expect(tokens.refresh_token).toBeTruthy();
    expect(tokens.claims()?.sub).toBe(fx.user.id);
    const jwks = createRemoteJWKSet(new URL(`${server.issuer}/jwks`));
    const { payload, protectedHeader } = await jwtVerify(tokens.access_token, jwks, { issuer: server.issuer, audience: HASURA_API });
    expect(protectedHeader.typ).toBe('at+jwt');
    expect(protectedHeader.alg).toBe('RS256');
    expect(payload.sub).toBe(fx.user.id);
    expect(payload.client_id).toBe(fx.spa.id);
    expect(payload.jti).toBeTruthy();
    expect(typeof payload.exp).toBe('number');
    // maintain:user was requested but no role of the user grants it.
    expect(payload.scope).toBe('read:user');
    // Like Logto, the ID token carries the profile claims its scopes grant.
    expect(tokens.claims()).toMatchObject({ username: 'demo', name: 'Demo User' });
  });

  it('drops a scope at the next refresh once the role granting it is removed, and adds one when granted', async () => {
    const { tokens, config } = await signIn();
    expect(decodeJwt(tokens.access_token).scope).toBe('read:user');
    expect((await server.api('POST', `/users/${fx.user.id}/roles`, { roleIds: [fx.roles.maintainer] })).status).toBe(201);
    const widened = await oidc.refreshTokenGrant(config, tokens.refresh_token!, { resource: HASURA_API });
    expect(decodeJwt(widened.access_token).scope).toBe('read:user maintain:user');
    expect((await server.api('DELETE', `/users/${fx.user.id}/roles/${fx.roles.reader}`)).status).toBe(204);
    const narrowed = await oidc.refreshTokenGrant(config, widened.refresh_token!, { resource: HASURA_API });
    expect(decodeJwt(narrowed.access_token).scope).toBe('maintain:user');
    // restore the fixture
    await server.api('POST', `/users/${fx.user.id}/roles`, { roleIds: [fx.roles.reader] });
    await server.api('DELETE', `/users/${fx.user.id}/roles/${fx.roles.maintainer}`);
  });

  it('rotates refresh tokens, and a reused refresh token fails and revokes the grant', async () => {
    const { tokens, config } = await signIn();
    const first = tokens.refresh_token!;
    const rotated = await oidc.refreshTokenGrant(config, first, { resource: HASURA_API });
    expect(rotated.refresh_token).toBeTruthy();
    expect(rotated.refresh_token).not.toBe(first);
    await expect(oidc.refreshTokenGrant(config, first, { resource: HASURA_API })).rejects.toMatchObject({ error: 'invalid_grant' });
    // the whole grant is gone: the newest refresh token no longer works either
    await expect(oidc.refreshTokenGrant(config, rotated.refresh_token!, { resource: HASURA_API })).rejects.toMatchObject({
      error: 'invalid_grant',
    });
  });

  it('refuses a refresh for a resource outside the grant without burning the refresh token', async () => {
    const other = await server.api('POST', '/resources', {
      name: `Elsewhere ${dialect}`,
      indicator: `https://elsewhere-${dialect}.example.com`,
    });
    expect(other.status).toBe(201);
    const { tokens, config } = await signIn();
    await expect(oidc.refreshTokenGrant(config, tokens.refresh_token!, { resource: other.body.indicator })).rejects.toMatchObject({
      error: 'invalid_target',
    });
    const still = await oidc.refreshTokenGrant(config, tokens.refresh_token!, { resource: HASURA_API });
    expect(decodeJwt(still.access_token).aud).toBe(HASURA_API);
  });

  it('lets a SPA call the token endpoint from its own origin only (CORS)', async () => {
    const preflight = (origin: string) =>
      fetch(`${server.issuer}/token`, {
        method: 'POST',
        headers: { origin, 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ grant_type: 'refresh_token', refresh_token: 'x', client_id: fx.spa.id }),
      });
    const ours = await preflight('http://localhost:5173');
    expect(ours.headers.get('access-control-allow-origin')).toBe('http://localhost:5173');
    expect(((await ours.json()) as any).error).toBe('invalid_grant'); // CORS passed; the token is bogus
    const theirs = await preflight('https://evil.example.com');
    expect(((await theirs.json()) as any).error_description).toMatch(/not allowed/);
  });

  it('refuses an unregistered redirect URI without redirecting to it', async () => {
    const url = new URL(`${server.issuer}/auth`);
    url.search = new URLSearchParams({
      client_id: fx.spa.id,
      response_type: 'code',
      redirect_uri: 'http://localhost:5173/callback/evil',
      scope: 'openid',
      code_challenge: 'a'.repeat(43),
      code_challenge_method: 'S256',
    }).toString();
    const res = await fetch(url, { redirect: 'manual' });
    expect(res.status).toBe(400);
    expect(res.headers.get('location')).toBeNull();
    expect(await res.text()).toContain('redirect_uri');
  });

  it('refuses a public client that sends no PKCE code challenge', async () => {
    const url = new URL(`${server.issuer}/auth`);
    url.search = new URLSearchParams({
      client_id: fx.spa.id,
      response_type: 'code',
      redirect_uri: SPA_REDIRECT,
      scope: 'openid',
      state: 's',
    }).toString();
    const res = await fetch(url, { redirect: 'manual' });
    const location = new URL(res.headers.get('location')!);
    expect(location.searchParams.get('error')).toBe('invalid_request');
    expect(location.searchParams.get('error_description')).toMatch(/PKCE/);
    expect(location.searchParams.get('iss')).toBe(server.issuer);
  });

  it('refuses the code exchange without the code_verifier', async () => {
    const config = await discover(server.issuer, fx.spa.id);
    const verifier = oidc.randomPKCECodeVerifier();
    const url = oidc.buildAuthorizationUrl(config, {
      redirect_uri: SPA_REDIRECT,
      scope: 'openid',
      code_challenge: await oidc.calculatePKCECodeChallenge(verifier),
      code_challenge_method: 'S256',
      state: 'xyz',
    });
    const jar = new CookieJar();
    const page = await navigate(jar, url.href, SPA_REDIRECT);
    const callback = await submitSignIn(jar, page, fx.user.username, fx.user.password, SPA_REDIRECT);
    const code = new URL(callback.url).searchParams.get('code')!;
    expect(new URL(callback.url).searchParams.get('iss')).toBe(server.issuer);
    const res = await fetch(`${server.issuer}/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ grant_type: 'authorization_code', code, redirect_uri: SPA_REDIRECT, client_id: fx.spa.id }),
    });
    expect(res.status).toBe(400);
    expect(((await res.json()) as any).error).toBe('invalid_grant');
  });

  it('refuses response_type=token (no implicit flow)', async () => {
    const url = new URL(`${server.issuer}/auth`);
    url.search = new URLSearchParams({
      client_id: fx.spa.id,
      response_type: 'token',
      redirect_uri: SPA_REDIRECT,
      scope: 'openid',
    }).toString();
    const res = await fetch(url, { redirect: 'manual' });
    const location = res.headers.get('location');
    const error = location ? new URL(location.replace('#', '?')).searchParams.get('error') : await res.text();
    expect(error).toMatch(/unsupported_response_type/);
  });

  it('shows one message for a wrong password and an unknown user', async () => {
    const { jar, page } = await openSignInPage(server.issuer, fx.spa.id, SPA_REDIRECT);
    const wrongPassword = await submitSignIn(jar, page, fx.user.username, 'not the password', SPA_REDIRECT);
    const unknownUser = await submitSignIn(jar, page, 'nobody-here', 'not the password', SPA_REDIRECT);
    expect(wrongPassword.status).toBe(401);
    expect(unknownUser.status).toBe(401);
    const message = (html: string) => /<div class="error"[^>]*>([^<]*)</.exec(html)?.[1];
    expect(message(wrongPassword.html)).toBe('The username/email or password is incorrect.');
    expect(message(unknownUser.html)).toBe(message(wrongPassword.html));
  });

  it('refuses a sign-in form posted without its CSRF token', async () => {
    const { jar, page } = await openSignInPage(server.issuer, fx.spa.id, SPA_REDIRECT);
    const forged = await navigate(jar, page.url, SPA_REDIRECT, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ identifier: fx.user.username, password: fx.user.password }).toString(),
    });
    expect(forged.status).toBe(403);
  });

  it('gives a machine app the scopes of its machine roles only, via client_credentials', async () => {
    const machineRole = await server.api('POST', '/roles', {
      name: `bot:reader-${dialect}`,
      type: 'MachineToMachine',
      scopeIds: [fx.scopes.read],
    });
    const app = await server.api('POST', '/applications', { name: 'Bot', type: 'MachineToMachine' });
    expect(app.body.secret).toBeTruthy();
    // A User role cannot be given to a machine app.
    expect((await server.api('POST', `/applications/${app.body.id}/roles`, { roleIds: [fx.roles.maintainer] })).status).toBe(400);
    expect((await server.api('POST', `/applications/${app.body.id}/roles`, { roleIds: [machineRole.body.id] })).status).toBe(201);
    const { status, body } = await clientCredentialsToken(server.endpoint, app.body.id, app.body.secret, {
      resource: HASURA_API,
      scope: 'read:user maintain:user',
    });
    expect(status).toBe(200);
    const claims = decodeJwt(body.access_token);
    expect(decodeProtectedHeader(body.access_token).typ).toBe('at+jwt');
    expect(claims).toMatchObject({ iss: server.issuer, aud: HASURA_API, sub: app.body.id, client_id: app.body.id, scope: 'read:user' });
    const wrongSecret = await clientCredentialsToken(server.endpoint, app.body.id, 'x'.repeat(43), { resource: HASURA_API });
    expect(wrongSecret.status).toBe(401);
    expect(wrongSecret.body.error).toBe('invalid_client');
  });

  it('answers userinfo and introspection for an opaque token, and revokes a refresh token', async () => {
    const { tokens, config } = await signIn('openid offline_access profile');
    // Without `resource` the access token is an opaque one for userinfo.
    const plain = await oidc.refreshTokenGrant(config, tokens.refresh_token!);
    const info = await oidc.fetchUserInfo(config, plain.access_token, fx.user.id);
    expect(info).toMatchObject({ sub: fx.user.id, username: 'demo', name: 'Demo User' });
    // A confidential client (a resource server) may introspect the token; a public one only its own.
    const api = await server.api('POST', '/applications', {
      name: `api-${dialect}`,
      type: 'Traditional',
      oidcClientMetadata: { redirectUris: ['https://api.example.com/cb'] },
    });
    const introspect = (auth: Record<string, string>, token: string) =>
      fetch(`${server.issuer}/token/introspection`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', ...auth },
        body: new URLSearchParams({ token, ...(auth.authorization ? {} : { client_id: fx.spa.id }) }),
      }).then((r) => r.json() as Promise<any>);
    const basic = { authorization: `Basic ${Buffer.from(`${api.body.id}:${api.body.secret}`).toString('base64')}` };
    expect(await introspect(basic, plain.access_token)).toMatchObject({ active: true, sub: fx.user.id, client_id: fx.spa.id });
    expect(await introspect(basic, 'not-a-token')).toEqual({ active: false });
    await oidc.tokenRevocation(config, plain.refresh_token!);
    await expect(oidc.refreshTokenGrant(config, plain.refresh_token!)).rejects.toMatchObject({ error: 'invalid_grant' });
  });
});

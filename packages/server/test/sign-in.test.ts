import * as oidc from 'openid-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSignInPage, signInWithCode, submitSignIn } from './support/browser.ts';
import { DIALECTS } from './support/databases.ts';
import { HASURA_API, seedHasuraGuide, SPA_REDIRECT, type HasuraFixture } from './support/seed.ts';
import { startTestServer, type TestServer } from './support/server.ts';

describe.each(DIALECTS)('sign-in, setup and suspension (%s)', (dialect) => {
  let server: TestServer;
  let fx: HasuraFixture;

  beforeAll(async () => {
    server = await startTestServer(dialect, { env: { SIGN_IN_MAX_FAILURES: '3', SIGN_IN_LOCKOUT_SECONDS: '600' } });
    fx = await seedHasuraGuide(server);
  });
  afterAll(() => server?.stop());

  const signInPage = () => openSignInPage(server.issuer, fx.spa.id, SPA_REDIRECT);

  it('locks an account after repeated failures, even for the right password, without revealing whether it exists', async () => {
    await server.api('POST', '/users', { username: 'victim', password: 'the right password' });
    const { jar, page } = await signInPage();
    for (let i = 0; i < 3; i += 1) expect((await submitSignIn(jar, page, 'victim', 'wrong', SPA_REDIRECT)).status).toBe(401);
    const locked = await submitSignIn(jar, page, 'victim', 'the right password', SPA_REDIRECT);
    expect(locked.status).toBe(429);
    expect(locked.html).toMatch(/Too many failed sign-in attempts/);
    // An unknown account locks the same way: the lockout says nothing about existence.
    for (let i = 0; i < 3; i += 1) await submitSignIn(jar, page, 'ghost', 'wrong', SPA_REDIRECT);
    expect((await submitSignIn(jar, page, 'ghost', 'wrong', SPA_REDIRECT)).status).toBe(429);
  });

  it('refuses a suspended user at sign-in and at refresh', async () => {
    const password = 'suspend me later';
    const user = await server.api('POST', '/users', { username: 'soon-suspended', password });
    await server.api('POST', `/users/${user.body.id}/roles`, { roleIds: [fx.roles.reader] });
    const { tokens, config } = await signInWithCode({
      issuer: server.issuer,
      clientId: fx.spa.id,
      redirectUri: SPA_REDIRECT,
      username: 'soon-suspended',
      password,
      scope: 'openid offline_access read:user',
      resource: HASURA_API,
    });
    await server.api('PATCH', `/users/${user.body.id}/is-suspended`, { isSuspended: true });
    await expect(oidc.refreshTokenGrant(config, tokens.refresh_token!, { resource: HASURA_API })).rejects.toMatchObject({
      error: 'invalid_grant',
    });
    const { jar, page } = await signInPage();
    const refused = await submitSignIn(jar, page, 'soon-suspended', password, SPA_REDIRECT);
    expect(refused.status).toBe(401);
    expect(refused.html).toMatch(/The username\/email or password is incorrect/);
  });

  it('signs in with the email address as well as the username', async () => {
    const { tokens } = await signInWithCode({
      issuer: server.issuer,
      clientId: fx.spa.id,
      redirectUri: SPA_REDIRECT,
      username: 'DEMO@example.com',
      password: fx.user.password,
    });
    expect(tokens.claims()?.sub).toBe(fx.user.id);
  });

  it('reports health, readiness and metrics', async () => {
    expect(await (await fetch(`${server.endpoint}/health`)).json()).toEqual({ status: 'ok' });
    expect(await (await fetch(`${server.endpoint}/ready`)).json()).toEqual({ status: 'ready' });
    const metrics = await (await fetch(`${server.endpoint}/metrics`)).text();
    expect(metrics).toMatch(/gatehouse_http_requests_total\{route="\/oidc\/token",status="2xx"\} \d+/);
    expect(metrics).toMatch(/process_resident_memory_bytes \d+/);
  });
});

describe('first start without bootstrap variables', () => {
  it('prints a one-time setup link that creates the first admin, and only once', async () => {
    const server = await startTestServer('sqlite', { env: { BOOTSTRAP_ADMIN_CLIENT_ID: '', BOOTSTRAP_ADMIN_CLIENT_SECRET: '' } });
    try {
      expect(server.setupToken).toMatch(/^[\w-]{20,}$/);
      const link = `${server.endpoint}/sign-in/setup?token=${server.setupToken}`;
      expect((await fetch(`${server.endpoint}/sign-in/setup?token=wrong`)).status).toBe(403);
      const page = await (await fetch(link)).text();
      const csrf = /name="csrf" value="([^"]+)"/.exec(page)![1];
      const post = (fields: Record<string, string>) =>
        fetch(`${server.endpoint}/sign-in/setup`, {
          method: 'POST',
          redirect: 'manual',
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
          body: new URLSearchParams(fields),
        });
      expect((await post({ token: server.setupToken!, csrf, username: 'root', password: 'short' })).status).toBe(400);
      const done = await post({ token: server.setupToken!, csrf, username: 'root', password: 'a strong password' });
      // On to the console, whose sign-in starts with the new username filled in.
      expect(done.status).toBe(303);
      expect(done.headers.get('location')).toBe('/console?login_hint=root');
      expect((await fetch(link)).status).toBe(403);
      expect((await post({ token: server.setupToken!, csrf, username: 'root2', password: 'a strong password' })).status).toBe(403);
      // The new admin can sign in to the console's client and get a Management API token.
      const { tokens } = await signInWithCode({
        issuer: server.issuer,
        clientId: 'gatehouse-console',
        redirectUri: `${server.endpoint}/console/callback`,
        username: 'root',
        password: 'a strong password',
        scope: 'openid offline_access all',
        resource: server.managementApi,
      });
      const users = await server.api('GET', '/users', undefined, tokens.access_token);
      expect(users.status).toBe(200);
      expect(users.body.map((u: { username: string }) => u.username)).toEqual(['root']);
    } finally {
      await server.stop();
    }
  });
});

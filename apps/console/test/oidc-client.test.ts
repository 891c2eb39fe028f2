import { decodeJwt } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { configFor, createSignInRequest, refreshTokens, SCOPE } from '../src/auth/oidc-client.ts';
import type { ConsoleTokens } from '../src/auth/token-store.ts';
import { signInWithCode } from '../../../packages/server/test/support/browser.ts';
import type { TestServer } from '../../../packages/server/test/support/server.ts';
import { ADMIN, startConsoleServer } from './support/console-server.ts';

// The console's OIDC client against the real server, outside a browser: the authorization
// request it builds, and the refresh it relies on to keep a Management API token.
describe("console OIDC client against the server", () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startConsoleServer();
  });
  afterAll(() => server?.stop());

  it('asks for a code with PKCE S256, the API resource, scope all and consent', async () => {
    const config = configFor(server.endpoint);
    const { url, pending } = await createSignInRequest(config, '/roles');
    expect(url.origin + url.pathname).toBe(`${server.issuer}/auth`);
    const p = url.searchParams;
    expect(Object.fromEntries(p)).toMatchObject({
      client_id: 'gatehouse-console',
      redirect_uri: `${server.endpoint}/console/callback`,
      response_type: 'code',
      scope: SCOPE,
      resource: `${server.endpoint}/api`,
      prompt: 'consent',
      code_challenge_method: 'S256',
      state: pending.state,
    });
    expect(pending.returnTo).toBe('/roles');
    expect(pending.verifier.length).toBeGreaterThanOrEqual(43);
  });

  it('refreshes into a new Management API token (resource sent again), rotating the refresh token', async () => {
    const config = configFor(server.endpoint);
    const { tokens } = await signInWithCode({
      issuer: server.issuer,
      clientId: 'gatehouse-console',
      redirectUri: config.redirectUri,
      username: ADMIN.username,
      password: ADMIN.password,
      scope: SCOPE,
      resource: config.resource,
    });
    const initial: ConsoleTokens = {
      accessToken: tokens.access_token,
      expiresAt: Date.now() + 1000,
      refreshToken: tokens.refresh_token,
      idToken: tokens.id_token,
      scope: tokens.scope ?? '',
      user: { sub: String(tokens.claims()?.sub) },
    };
    const next = await refreshTokens(config, initial);
    expect(next.refreshToken).toBeTruthy();
    expect(next.refreshToken).not.toBe(initial.refreshToken);
    expect(next.scope.split(' ')).toContain('all');
    const payload = decodeJwt(next.accessToken);
    expect(payload.aud).toBe(config.resource);
    expect(next.expiresAt).toBeGreaterThan(Date.now() + 60_000);
    // The new token opens the Management API.
    expect((await server.api('GET', '/roles', undefined, next.accessToken)).status).toBe(200);
  });
});

import { GatehouseClient, MemoryStorage } from '../../../packages/client/src/index.ts';
import { decodeJwt } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordingFetch, signInThroughHostedPage } from '../../../packages/client/test/support/hosted-sign-in.ts';
import type { TestServer } from '../../../packages/server/test/support/server.ts';
import { consoleConfig, consoleUrls } from '../src/auth/console-config.ts';
import { ADMIN, startConsoleServer } from './support/console-server.ts';

// The console's SDK configuration against the real server, outside a browser: the
// authorization request it makes, and the Management API token it keeps renewing.
describe('console sign-in through @gatehouse/client against the server', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startConsoleServer();
  });
  afterAll(() => server?.stop());

  const consoleClient = (fetchImpl?: typeof fetch) =>
    new GatehouseClient({ ...consoleConfig(server.endpoint, new MemoryStorage()), ...(fetchImpl ? { fetch: fetchImpl } : {}) });

  it('asks for a code with PKCE S256, the API resource, scope all and consent; the return path stays local', async () => {
    const urls = consoleUrls(server.endpoint);
    const url = new URL(await consoleClient().getSignInUrl(urls.redirectUri, { appState: '/roles?page=2' }));
    expect(url.origin + url.pathname).toBe(`${server.issuer}/auth`);
    const p = url.searchParams;
    expect(Object.fromEntries(p)).toMatchObject({
      client_id: 'gatehouse-console',
      redirect_uri: `${server.endpoint}/console/callback`,
      response_type: 'code',
      resource: `${server.endpoint}/api`,
      prompt: 'consent',
      code_challenge_method: 'S256',
    });
    expect(p.get('scope')!.split(' ')).toEqual(expect.arrayContaining(['openid', 'offline_access', 'profile', 'all']));
    expect(url.href).not.toContain('roles');
  });

  it('gets a Management API token with scope all, and renews it once after a rejection', async () => {
    const recorder = recordingFetch();
    const client = consoleClient(recorder.fetch);
    const urls = consoleUrls(server.endpoint);
    await signInThroughHostedPage(client, { redirectUri: urls.redirectUri, username: ADMIN.username, password: ADMIN.password });
    const claims = await client.getAccessTokenClaims(urls.managementApi);
    expect(claims.aud).toBe(urls.managementApi);
    expect(claims.scope?.split(' ')).toContain('all');
    expect((await client.getIdTokenClaims()).username).toBe(ADMIN.username);
    const first = await client.getAccessToken(urls.managementApi);
    expect((await server.api('GET', '/roles', undefined, first)).status).toBe(200);

    // What the console does after a 401: concurrent rejections of one token cost one refresh.
    recorder.reset();
    await Promise.all([client.invalidateAccessToken(urls.managementApi, first), client.invalidateAccessToken(urls.managementApi, first)]);
    const [a, b] = await Promise.all([client.getAccessToken(urls.managementApi), client.getAccessToken(urls.managementApi)]);
    expect(a).toBe(b);
    expect(a).not.toBe(first);
    expect(recorder.refreshes()).toHaveLength(1);
    expect(decodeJwt(a).aud).toBe(urls.managementApi);
    expect((await server.api('GET', '/roles', undefined, a)).status).toBe(200);
    // A late 401 for the old token does not throw away the new one.
    await client.invalidateAccessToken(urls.managementApi, first);
    expect(await client.getAccessToken(urls.managementApi)).toBe(a);
    expect(recorder.refreshes()).toHaveLength(1);
  });
});

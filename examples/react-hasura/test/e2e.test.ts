import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { tmpdir } from 'node:os';
import { extname, join, normalize, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRemoteJWKSet, jwtVerify } from 'jose';
import { chromium, type Browser, type Page } from 'playwright-core';
import { build } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HASURA_API, seedHasuraGuide, type HasuraFixture } from '../../../packages/server/test/support/seed.ts';
import { freePort, startTestServer, type TestServer } from '../../../packages/server/test/support/server.ts';

/**
 * The example, built with Vite, served from a temporary dist/ and driven in Chromium against
 * the real server: sign in on the hosted page, see the user and the Hasura token, call an API
 * (a stand-in for Hasura that verifies the token with the JWKS and echoes the role), sign out.
 * Screenshots of each step go to test-artifacts/react-hasura/.
 */
const exampleDir = resolve(fileURLToPath(new URL('..', import.meta.url)));
const artifacts = resolve(exampleDir, '../../test-artifacts/react-hasura');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const HASURA_CLAIMS = 'https://hasura.io/jwt/claims';

const listen = async (server: Server): Promise<string> => {
  const port = await freePort();
  await new Promise<void>((done) => server.listen(port, '127.0.0.1', done));
  return `http://127.0.0.1:${port}`;
};
const close = (server: Server | undefined) => new Promise((done) => (server ? server.close(done) : done(undefined)));

const TYPES: Record<string, string> = {
  '.html': 'text/html',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
};

/** node:http drops a handler's promise: answer 500 when it rejects rather than leave the request hanging. */
function handler(serve: (req: IncomingMessage, res: ServerResponse) => Promise<unknown>) {
  return (req: IncomingMessage, res: ServerResponse) => {
    serve(req, res).catch((error: unknown) => res.writeHead(500).end(String(error)));
  };
}

/** dist/ as a static site; unknown paths get index.html (the /callback route). */
function staticSite(root: string): Server {
  return createServer(
    handler(async (req, res) => {
      const path = normalize(decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname));
      const file = join(root, path);
      let body: Buffer;
      let type = TYPES[extname(file)] ?? 'application/octet-stream';
      try {
        if (!file.startsWith(root) || path === '/') throw new Error('index');
        body = await readFile(file);
      } catch {
        body = await readFile(join(root, 'index.html'));
        type = 'text/html';
      }
      res.writeHead(200, { 'content-type': type }).end(body);
    }),
  );
}

/** Hasura's part: verify the JWT with Gatehouse's JWKS, check the role against the claims, echo. */
function apiStandIn(gatehouse: TestServer, appOrigin: string): Server {
  const jwks = createRemoteJWKSet(new URL(`${gatehouse.issuer}/jwks`));
  return createServer(
    handler(async (req, res) => {
      res.setHeader('access-control-allow-origin', appOrigin);
      res.setHeader('access-control-allow-headers', 'authorization, content-type, x-hasura-role');
      res.setHeader('access-control-allow-methods', 'GET, POST, OPTIONS');
      const send = (status: number, body: unknown) =>
        res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
      if (req.method === 'OPTIONS') return void res.writeHead(204).end();
      const token = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
      if (!token) return send(401, { error: 'missing bearer token' });
      try {
        const { payload } = await jwtVerify(token, jwks, { issuer: gatehouse.issuer, audience: HASURA_API });
        const role = String(req.headers['x-hasura-role'] ?? '');
        const allowed = (payload[HASURA_CLAIMS] as { 'x-hasura-allowed-roles'?: string[] } | undefined)?.['x-hasura-allowed-roles'];
        if (allowed && !allowed.includes(role)) return send(403, { error: `role ${role} is not allowed` });
        send(200, { role, sub: payload.sub, scope: payload.scope, organizationId: payload.organization_id });
      } catch (error) {
        send(401, { error: String(error) });
      }
    }),
  );
}

describe('examples/react-hasura in Chromium against the real server', () => {
  let server: TestServer;
  let fx: HasuraFixture;
  let presetEnabled: boolean;
  let dist: string;
  let site: Server;
  let api: Server;
  let appOrigin: string;
  let apiOrigin: string;
  let browser: Browser;
  let orgId: string;

  beforeAll(async () => {
    server = await startTestServer('sqlite');
    fx = await seedHasuraGuide(server);
    // The organization switcher: the user is a member of one organization.
    const org = await server.api('POST', '/organizations', { name: 'Org A' });
    orgId = (org.body as { id: string }).id;
    expect((await server.api('POST', `/organizations/${orgId}/users`, { userIds: [fx.user.id] })).status).toBe(201);
    const preset = await server.api('PUT', '/configs/jwt-customizer/access-token/presets/hasura', {
      resource: HASURA_API,
      environmentVariables: { USER_DEFAULT_ROLE_NAMES: 'user:reader' },
    });
    if (preset.status !== 404 && (preset.status < 200 || preset.status > 299)) {
      throw new Error(`Hasura preset: ${preset.status} ${JSON.stringify(preset.body)}`);
    }
    presetEnabled = preset.status !== 404;

    dist = await mkdtemp(join(tmpdir(), 'gatehouse-react-hasura-'));
    site = staticSite(dist);
    appOrigin = await listen(site);
    api = apiStandIn(server, appOrigin);
    apiOrigin = await listen(api);
    const patched = await server.api('PATCH', `/applications/${fx.spa.id}`, {
      oidcClientMetadata: { redirectUris: [`${appOrigin}/callback`], postLogoutRedirectUris: [`${appOrigin}/`] },
    });
    expect(patched.status).toBe(200);

    const nodeEnv = process.env.NODE_ENV;
    process.env.NODE_ENV = 'production'; // vitest sets 'test', which would make a development build
    try {
      await build({
        root: exampleDir,
        configFile: join(exampleDir, 'vite.config.ts'),
        logLevel: 'warn',
        build: { outDir: dist, emptyOutDir: true },
      });
    } finally {
      process.env.NODE_ENV = nodeEnv;
    }
    await writeFile(
      join(dist, 'config.json'),
      JSON.stringify({ endpoint: server.endpoint, appId: fx.spa.id, apiUrl: `${apiOrigin}/v1/graphql`, resource: HASURA_API }),
    );
    await mkdir(artifacts, { recursive: true });
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
    });
  });

  afterAll(async () => {
    await browser?.close();
    await close(site);
    await close(api);
    await server?.stop();
    if (dist) await rm(dist, { recursive: true, force: true });
  });

  const shot = (page: Page, name: string) => page.screenshot({ path: join(artifacts, `${name}.png`), fullPage: true });
  const text = async (page: Page, selector: string) => (await page.locator(selector).textContent()) ?? '';

  it('signs in, shows the user and the Hasura token, calls the API with the chosen role, and signs out', { timeout: 60_000 }, async () => {
    const page = await browser.newPage();
    const visited: string[] = [];
    page.on('request', (request) => visited.push(request.url()));
    const pageErrors: string[] = [];
    page.on('pageerror', (error) => pageErrors.push(error.message));

    await page.goto(`${appOrigin}/`);
    await page.locator('#sign-in').waitFor();
    await shot(page, '01-signed-out');

    await page.click('#sign-in');
    await page.waitForURL(`${server.endpoint}/sign-in/**`);
    await page.fill('#identifier', fx.user.username);
    await page.fill('#password', fx.user.password);
    await shot(page, '02-hosted-sign-in');
    await page.click('#submit');

    await page.locator('#user-sub').waitFor();
    expect(page.url()).toBe(`${appOrigin}/`);
    expect(await text(page, '#user-sub')).toBe(fx.user.id);
    expect(await text(page, '#user-name')).toBe('Demo User');
    expect(await text(page, '#user-username')).toBe('demo');
    expect(JSON.parse(await text(page, '#id-token-claims'))).toMatchObject({ sub: fx.user.id, iss: server.issuer, aud: fx.spa.id });
    expect(await text(page, '#token-audience')).toBe(HASURA_API);
    expect((await page.locator('#token-scopes .scope').allTextContents()).sort()).toEqual(['maintain:user', 'read:user']);
    const accessTokenClaims = JSON.parse(await text(page, '#access-token-claims'));
    expect(accessTokenClaims).toMatchObject({
      aud: HASURA_API,
      sub: fx.user.id,
      client_id: fx.spa.id,
      iss: server.issuer,
      scope: 'read:user maintain:user',
    });

    let role: string;
    if (presetEnabled) {
      // These depend on the Hasura preset (PUT .../presets/hasura).
      expect(JSON.parse(await text(page, '#hasura-claims'))).toMatchObject({
        'x-hasura-allowed-roles': expect.arrayContaining(['user:reader', 'user:maintainer']),
        'x-hasura-default-role': 'user:reader',
        'x-hasura-user-id': fx.user.id,
      });
      expect((await page.locator('#role option').allTextContents()).sort()).toEqual(['user:maintainer', 'user:reader']);
      expect(await page.inputValue('#role')).toBe('user:reader');
      role = 'user:maintainer';
      await page.selectOption('#role', role);
    } else {
      expect(accessTokenClaims[HASURA_CLAIMS]).toBeUndefined();
      await page.locator('#no-hasura-claims').waitFor();
      role = 'user:reader';
      await page.fill('#role-input', role);
    }
    await shot(page, '03-signed-in');

    await page.click('#call-api');
    await page.locator('#api-response').waitFor();
    expect(await text(page, '#api-status')).toBe('200');
    expect(JSON.parse(await text(page, '#api-response'))).toEqual({ role, sub: fx.user.id, scope: 'read:user maintain:user' });
    await shot(page, '04-api-called');

    // Acting in the organization: the token is asked for with organization_id, and the
    // API call carries it.
    expect(await page.locator('#organization option').allTextContents()).toContain(orgId);
    await page.selectOption('#organization', orgId);
    await expect.poll(async () => JSON.parse(await text(page, '#access-token-claims')).organization_id).toBe(orgId);
    if (presetEnabled) expect(JSON.parse(await text(page, '#hasura-claims'))['x-hasura-org-id']).toBe(orgId);
    await page.click('#call-api');
    await page.locator('#api-response').waitFor();
    expect(JSON.parse(await text(page, '#api-response'))).toMatchObject({ sub: fx.user.id, organizationId: orgId });
    await shot(page, '04b-api-called-in-organization');

    const stored = await page.evaluate((key) => localStorage.getItem(key), `gatehouse:${fx.spa.id}:session`);
    const { refreshToken } = JSON.parse(stored!);
    const backHome = page.waitForEvent('framenavigated', (frame) => frame === page.mainFrame() && frame.url() === `${appOrigin}/`);
    await page.click('#sign-out');
    await backHome;
    await page.locator('#sign-in').waitFor();
    await shot(page, '05-signed-out-again');
    expect(visited.some((url) => url.startsWith(`${server.issuer}/session/end`))).toBe(true);
    expect(await page.evaluate((key) => localStorage.getItem(key), `gatehouse:${fx.spa.id}:session`)).toBeNull();
    const refresh = await fetch(`${server.issuer}/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ grant_type: 'refresh_token', refresh_token: refreshToken, client_id: fx.spa.id }),
    });
    expect((await refresh.json()).error).toBe('invalid_grant');

    // The server session ended too: signing in again asks for the password.
    await page.click('#sign-in');
    await page.waitForURL(`${server.endpoint}/sign-in/**`);
    await page.locator('#identifier').waitFor();
    await shot(page, '06-sign-in-asks-again');
    await page.close();
    expect(pageErrors).toEqual([]);
  });
});

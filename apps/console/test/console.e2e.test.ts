import { decodeJwt } from 'jose';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { signInWithCode } from '../../../packages/server/test/support/browser.ts';
import type { TestServer } from '../../../packages/server/test/support/server.ts';
import { screenshot, seriousViolations, watchConsole, type ConsoleProblem, type ExpectedStatus } from './support/browser-checks.ts';
import { ADMIN, ensureConsoleBuilt, probeFeatures, startConsoleServer, type Features } from './support/console-server.ts';

// The admin performs Logto's Hasura guide in the console by clicking only; the resulting
// user token is then checked outside the browser.
const HASURA_API = 'https://hasura.example.com/api';
const DEMO = { username: 'demo', email: 'demo@example.com', password: 'correct horse battery staple' };

let server: TestServer;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let features: Features;
let problems: ConsoleProblem[];
let userToken: string | undefined;
const expectedStatuses: ExpectedStatus[] = [
  // "No script for this token type yet" is a 404 by contract.
  { status: 404, url: /\/api\/configs\/jwt-customizer\/(access-token|client-credentials)$/ },
  // The server's hosted sign-in page has no icon link, so Chrome asks for /favicon.ico.
  { status: 404, url: /\/favicon\.ico$/ },
];
const shots: string[] = [];

/** Screenshot + axe on the page as it is now. */
async function checkPage(name: string) {
  shots.push(await screenshot(page, name));
  expect(await seriousViolations(page), `axe on ${name}`).toEqual([]);
}

const main = () => page.getByRole('main');
const dialog = () => page.getByRole('dialog');
const goTo = async (label: string, heading = label) => {
  await page.getByRole('navigation', { name: 'Console' }).getByRole('link', { name: label, exact: true }).click();
  await expect.poll(() => main().getByRole('heading', { level: 1 }).first().textContent()).toBe(heading);
};
const visible = (locator: ReturnType<Page['getByText']>) => locator.first().waitFor({ state: 'visible' });

describe('console (chromium)', () => {
  beforeAll(async () => {
    await ensureConsoleBuilt();
    server = await startConsoleServer();
    features = await probeFeatures(server);
    // Endpoints still being written answer 404; the console shows that as an error state.
    if (!features.preset) expectedStatuses.push({ status: 404, url: /\/presets\/hasura$/ });
    if (!features.jwtSecret) expectedStatuses.push({ status: 404, url: /\/api\/hasura\/jwt-secret\?/ });
    browser = await chromium.launch({
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
    });
    context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.endpoint });
    page = await context.newPage();
    page.setDefaultTimeout(15_000);
    problems = watchConsole(page, expectedStatuses);
  }, 180_000);

  // A failing step leaves a screenshot of what the browser showed.
  beforeEach(({ task, onTestFailed }) => {
    onTestFailed(async () => {
      await screenshot(page, `failed-${task.name.replace(/\W+/g, '-').slice(0, 60)}`).catch(() => undefined);
    });
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('serves the SPA at /console with a strict CSP and long-cached assets', async () => {
    const res = await fetch(`${server.endpoint}/console/roles/123`);
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-cache');
    expect(res.headers.get('content-security-policy')).toMatch(/script-src 'self'; style-src 'self' 'nonce-[^']+'/);
    const html = await res.text();
    expect(html).not.toContain('__CSP_NONCE__');
    const asset = /src="(\/console\/assets\/[^"]+\.js)"/.exec(html)![1];
    const js = await fetch(server.endpoint + asset);
    expect(js.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect((await fetch(`${server.endpoint}/console/assets/missing.js`)).status).toBe(404);
  });

  it('signs the admin in through the hosted sign-in page', async () => {
    await page.goto(`${server.endpoint}/console`);
    await page.locator('#identifier').fill(ADMIN.username);
    await page.locator('#password').fill(ADMIN.password);
    await page.locator('#submit').click();
    await page.waitForURL(`${server.endpoint}/console`);
    await visible(page.getByText('0 of 6 steps done'));
    await checkPage('01-get-started-empty');
  });

  it('creates the Hasura API resource with read:user and maintain:user', async () => {
    await goTo('API resources');
    await page.getByRole('button', { name: 'Create API resource' }).click();
    // Client-side validation first: nothing is sent while the indicator is invalid.
    await dialog().getByLabel('Name').fill('Hasura');
    await dialog().getByLabel('API identifier (indicator)').fill('hasura.example.com/api#x');
    await dialog().getByRole('button', { name: 'Create API resource' }).click();
    await visible(dialog().getByText('must be an absolute http(s) URL without a fragment'));
    await checkPage('02-resource-create-invalid');
    await dialog().getByLabel('API identifier (indicator)').fill(HASURA_API);
    await dialog().getByRole('button', { name: 'Create API resource' }).click();
    await expect.poll(() => main().getByRole('heading', { level: 1 }).textContent()).toBe('Hasura');
    for (const [name, description] of [
      ['read:user', 'Read users'],
      ['maintain:user', 'Maintain users'],
    ]) {
      await page.getByRole('button', { name: 'Add permission' }).click();
      await dialog().getByLabel('Permission name').fill(name);
      await dialog().getByLabel('Description').fill(description);
      await dialog().getByRole('button', { name: 'Add permission' }).click();
      await visible(main().getByRole('cell', { name: name, exact: true }));
    }
    await checkPage('03-resource-permissions');
    await goTo('API resources');
    await visible(main().getByRole('cell', { name: HASURA_API }));
    await checkPage('04-resources');
  });

  it('shows the server problem when a resource indicator is already in use', async () => {
    expectedStatuses.push({ status: 409, url: /\/api\/resources$/ });
    await page.getByRole('button', { name: 'Create API resource' }).click();
    await dialog().getByLabel('Name').fill('Hasura again');
    await dialog().getByLabel('API identifier (indicator)').fill(HASURA_API);
    await dialog().getByRole('button', { name: 'Create API resource' }).click();
    await visible(dialog().getByRole('alert'));
    expect(await dialog().getByRole('alert').textContent()).toMatch(/\S/);
    await dialog().getByRole('button', { name: 'Cancel' }).click();
  });

  it('creates user:reader and user:maintainer, each mapped to one permission', async () => {
    for (const [role, scope] of [
      ['user:reader', 'read:user'],
      ['user:maintainer', 'maintain:user'],
    ]) {
      await goTo('Roles');
      await page.getByRole('button', { name: 'Create role' }).click();
      await dialog().getByLabel('Role name').fill(role);
      await dialog().getByRole('button', { name: 'Create role' }).click();
      await expect.poll(() => main().getByRole('heading', { level: 1 }).textContent()).toBe(role);
      await page.getByRole('button', { name: 'Assign permissions' }).click();
      await dialog()
        .getByLabel('API resource')
        .selectOption({ label: `Hasura (${HASURA_API})` });
      await dialog().getByRole('checkbox', { name: scope }).check();
      await dialog().getByRole('button', { name: 'Assign 1 permission' }).click();
      await visible(main().getByRole('cell', { name: scope, exact: true }));
    }
    await checkPage('05-role-permissions');
    await goTo('Roles');
    await visible(main().getByRole('link', { name: 'user:maintainer' }));
    await checkPage('06-roles');
  });

  it('creates a user with a password and assigns both roles', async () => {
    await goTo('Users');
    await page.getByRole('button', { name: 'Create user' }).click();
    await dialog().getByLabel('Username').fill(DEMO.username);
    await dialog().getByLabel('Email').fill(DEMO.email);
    await dialog().getByLabel('Name', { exact: true }).fill('Demo User');
    await dialog().getByLabel('Password').fill('short');
    await dialog().getByRole('button', { name: 'Create user' }).click();
    await visible(dialog().getByText('must be at least 8 characters'));
    await dialog().getByLabel('Password').fill(DEMO.password);
    await dialog().getByRole('button', { name: 'Create user' }).click();
    await expect.poll(() => main().getByRole('heading', { level: 1 }).textContent()).toBe(DEMO.username);
    await page.getByRole('button', { name: 'Assign roles' }).click();
    await dialog().getByRole('checkbox', { name: 'user:reader' }).check();
    await dialog().getByRole('checkbox', { name: 'user:maintainer' }).check();
    await dialog().getByRole('button', { name: 'Assign 2 roles' }).click();
    await visible(main().getByRole('link', { name: 'user:maintainer' }));
    await checkPage('07-user-roles');
    await goTo('Users');
    await page.getByLabel('Search users').fill('dem');
    await visible(main().getByRole('link', { name: DEMO.username }));
    await checkPage('08-users');
  });

  it("edits a role's description and the user's profile in place", async () => {
    await goTo('Roles');
    await main().getByRole('link', { name: 'user:reader' }).click();
    await page.getByRole('button', { name: 'Edit role' }).click();
    await dialog().getByLabel('Description').fill('Reads users through Hasura');
    await dialog().getByRole('button', { name: 'Save' }).click();
    await visible(main().getByText('Reads users through Hasura'));
    await goTo('Users');
    await main().getByRole('link', { name: DEMO.username }).click();
    await page.getByRole('button', { name: 'Edit profile' }).click();
    await dialog().getByLabel('Phone').fill('+49 151');
    await dialog().getByRole('button', { name: 'Save profile' }).click();
    await visible(dialog().getByText('must be digits, optionally starting with +'));
    await checkPage('08b-user-profile-invalid');
    await dialog().getByLabel('Phone').fill('+4915112345678');
    await dialog().getByRole('button', { name: 'Save profile' }).click();
    await visible(page.getByText('The profile was saved.'));
    await page.getByRole('tab', { name: 'Profile' }).click();
    await visible(main().getByText('+4915112345678'));
  });

  it('creates a machine-to-machine app and shows its secret once', async () => {
    await goTo('Applications');
    await page.getByRole('button', { name: 'Create application' }).click();
    await dialog().getByRole('radio', { name: 'Machine-to-machine' }).check();
    await dialog().getByLabel('Name').fill('Nightly job');
    await dialog().getByRole('button', { name: 'Create application' }).click();
    await visible(page.getByText('Copy this secret now'));
    await checkPage('09-application-secret');
    await page.getByRole('tab', { name: 'Integration' }).click();
    await visible(page.getByRole('region', { name: 'SDK configuration' }));
    await checkPage('10-application-integration');
    await goTo('Applications');
    await checkPage('11-applications');
  });

  it('enables the Hasura preset with USER_DEFAULT_ROLE_NAMES=user:reader and tests it against the user', async (ctx) => {
    await goTo('Custom JWT');
    await visible(page.getByRole('textbox', { name: 'access-token claims script' }));
    await page.getByRole('button', { name: 'Load Hasura preset' }).click();
    await dialog()
      .getByLabel("Hasura's API resource")
      .selectOption({ label: `Hasura (${HASURA_API})` });
    await dialog().getByLabel('Default role (USER_DEFAULT_ROLE_NAMES)').fill('user:reader');
    await dialog().getByRole('button', { name: 'Enable Hasura preset' }).click();
    if (!features.preset) {
      // Until the preset endpoint lands, the console shows its 404 as an error and keeps working.
      await visible(dialog().getByRole('alert'));
      await checkPage('12-custom-jwt-preset-missing');
      await dialog().getByRole('button', { name: 'Cancel' }).click();
      ctx.skip();
    }
    await visible(page.getByText('The Hasura preset is enabled and saved'));
    await page.getByRole('combobox', { name: 'User', exact: true }).selectOption({ label: DEMO.username });
    await page.getByRole('combobox', { name: 'Token audience (API resource)' }).selectOption({ label: 'Hasura' });
    await page.getByRole('button', { name: 'Fill sample from this user' }).click();
    const demoId = (await server.api('GET', `/users?search=${DEMO.username}`)).body[0].id as string;
    const sampleToken = page.getByRole('textbox', { name: 'Sample token (payload before the extra claims)' });
    await expect.poll(() => sampleToken.inputValue()).toContain(`"sub": "${demoId}"`);
    expect(await sampleToken.inputValue()).toContain(`"aud": "${HASURA_API}"`);
    await page.getByRole('button', { name: 'Test', exact: true }).click();
    const claims = page.getByRole('region', { name: 'Resulting claims' });
    await visible(claims);
    const text = (await claims.textContent()) ?? '';
    expect(text).toContain('https://hasura.io/jwt/claims');
    expect(text).toContain('user:maintainer');
    await checkPage('12-custom-jwt');
  });

  it('copies the JWT secret on the Hasura page, which completes the checklist', async (ctx) => {
    await goTo('Hasura');
    await visible(page.getByRole('heading', { name: 'Signing keys' }));
    if (!features.jwtSecret) {
      await visible(main().getByText(/Could not load this page/));
      await checkPage('13-hasura-jwt-secret-missing');
      ctx.skip();
    }
    await page.getByRole('button', { name: 'Copy JWT secret' }).click();
    await visible(page.getByText('Copied to the clipboard.'));
    const copied = JSON.parse(await page.evaluate(() => navigator.clipboard.readText())) as Record<string, unknown>;
    expect(JSON.stringify(copied)).toContain('/oidc/jwks');
    await checkPage('13-hasura');
    await goTo('Get started');
    await visible(page.getByText(features.preset ? '6 of 6 steps done' : '5 of 6 steps done'));
    await checkPage('14-get-started-done');
  });

  it('issues the user an access token whose Hasura claims carry both roles and default user:reader', async (ctx) => {
    if (!features.preset) ctx.skip();
    const spa = await server.api('POST', '/applications', {
      name: 'Hasura SPA',
      type: 'SPA',
      oidcClientMetadata: { redirectUris: ['http://localhost:5173/callback'], postLogoutRedirectUris: [] },
    });
    expect(spa.status).toBe(201);
    const { tokens } = await signInWithCode({
      issuer: server.issuer,
      clientId: spa.body.id,
      redirectUri: 'http://localhost:5173/callback',
      username: DEMO.username,
      password: DEMO.password,
      scope: 'openid offline_access profile read:user maintain:user',
      resource: HASURA_API,
    });
    userToken = tokens.access_token;
    const payload = decodeJwt(tokens.access_token);
    expect(payload.aud).toBe(HASURA_API);
    const hasura = payload['https://hasura.io/jwt/claims'] as Record<string, unknown>;
    expect(hasura['x-hasura-allowed-roles']).toEqual(expect.arrayContaining(['user:reader', 'user:maintainer']));
    expect(hasura['x-hasura-default-role']).toBe('user:reader');
  });

  it('diagnoses that token with the doctor: Hasura accepts it as user:maintainer', async (ctx) => {
    if (!features.doctor || !features.jwtSecret || !userToken) ctx.skip();
    await goTo('Hasura');
    await page.getByRole('button', { name: "Use this server's JWT secret" }).click();
    await expect.poll(() => page.getByRole('textbox', { name: 'HASURA_GRAPHQL_JWT_SECRET' }).inputValue()).toContain('/oidc/jwks');
    await page.getByRole('textbox', { name: 'Access token' }).fill(userToken!);
    await page.getByLabel('x-hasura-role (optional)').fill('user:maintainer');
    await page.getByRole('button', { name: 'Diagnose' }).click();
    await visible(page.getByText('Hasura accepts this token'));
    await checkPage('13b-hasura-doctor');
  });

  it('renders the remaining pages accessibly, in dark mode too, and signs out', async () => {
    await page.goto(`${server.endpoint}/console/no-such-page`);
    await visible(page.getByRole('heading', { name: 'Page not found' }));
    await checkPage('15-not-found');
    await page.emulateMedia({ colorScheme: 'dark' });
    await goTo('Roles');
    await main().getByRole('link', { name: 'user:reader' }).click();
    await page.getByRole('tab', { name: 'Users' }).click();
    await visible(main().getByRole('link', { name: DEMO.username }));
    await checkPage('16-role-users-dark');
    await page.emulateMedia({ colorScheme: 'light' });
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL(`${server.endpoint}/console`);
    await visible(page.getByText('You are signed out.'));
    await checkPage('17-signed-out');
  });

  it('logged no errors in the browser console', () => {
    expect(problems).toEqual([]);
    expect(shots.length).toBeGreaterThanOrEqual(14);
  });
});

import { decodeJwt } from 'jose';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { openSignInPage, signInWithCode, submitSignIn } from '../../../packages/server/test/support/browser.ts';
import type { TestServer } from '../../../packages/server/test/support/server.ts';
import {
  editorContrast,
  horizontalOverflow,
  screenshot,
  seriousViolations,
  watchConsole,
  type ConsoleProblem,
  type ExpectedStatus,
} from './support/browser-checks.ts';
import { ADMIN, ensureConsoleBuilt, MAX_FAILURES, probeFeatures, startConsoleServer, type Features } from './support/console-server.ts';

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
    await visible(page.getByText('0 of 7 steps done'));
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
    // The form holds typed values: Cancel asks before dropping them.
    const asked = page.waitForEvent('dialog');
    const cancel = dialog().getByRole('button', { name: 'Cancel' }).click();
    const prompt = await asked;
    expect(prompt.message()).toBe('You have unsaved changes. Leave without saving?');
    await prompt.accept();
    await cancel;
    await dialog().waitFor({ state: 'hidden' });
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

  it('asks before leaving an edited script, in the app and on reload, and keeps the edit when the admin stays', async () => {
    await goTo('Custom JWT');
    const editor = page.getByRole('textbox', { name: 'access-token claims script' });
    await editor.click();
    await page.keyboard.press('Control+End');
    await page.keyboard.type('\n// edited, not saved');
    // In-app navigation: the admin stays, then leaves.
    let asked = page.waitForEvent('dialog');
    let click = page.getByRole('navigation', { name: 'Console' }).getByRole('link', { name: 'Roles', exact: true }).click();
    let prompt = await asked;
    expect(prompt.type()).toBe('confirm');
    expect(prompt.message()).toBe('You have unsaved changes. Leave without saving?');
    await prompt.dismiss();
    await click;
    expect(await main().getByRole('heading', { level: 1 }).textContent()).toBe('Custom JWT');
    expect(await editor.textContent()).toContain('// edited, not saved');
    // The browser's own prompt guards a reload or a closed tab.
    asked = page.waitForEvent('dialog');
    // Not awaited: the admin stays, so the reload never happens.
    void page.reload({ timeout: 5_000 }).catch(() => undefined);
    prompt = await asked;
    expect(prompt.type()).toBe('beforeunload');
    await prompt.dismiss();
    expect(await editor.textContent()).toContain('// edited, not saved');
    asked = page.waitForEvent('dialog');
    click = page.getByRole('navigation', { name: 'Console' }).getByRole('link', { name: 'Roles', exact: true }).click();
    await (await asked).accept();
    await click;
    await expect.poll(() => main().getByRole('heading', { level: 1 }).first().textContent()).toBe('Roles');
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
    await visible(page.getByText(features.preset ? '6 of 7 steps done' : '5 of 7 steps done'));
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

  it('shows a user locked out by failed sign-ins on the hosted page, unlocks them, and they sign in', async () => {
    const spa = await server.api('POST', '/applications', {
      name: 'Lock-out check',
      type: 'SPA',
      oidcClientMetadata: { redirectUris: ['http://localhost:5174/callback'], postLogoutRedirectUris: [] },
    });
    const signIn = async (password: string) => {
      const { jar, page: hosted } = await openSignInPage(server.issuer, spa.body.id as string, 'http://localhost:5174/callback');
      return submitSignIn(jar, hosted, DEMO.username, password, 'http://localhost:5174/callback');
    };
    expectedStatuses.push({ status: 429, url: /\/sign-in\// });
    for (let i = 0; i < MAX_FAILURES; i += 1) expect((await signIn('wrong password')).status).toBe(401);
    const refused = await signIn(DEMO.password);
    expect(refused.status).toBe(429);
    expect(refused.html).toMatch(/in 1[45] minutes/);

    await goTo('Users');
    await main().getByRole('link', { name: DEMO.username }).click();
    const lock = main().getByRole('region', { name: 'Locked after too many failed sign-ins' });
    await visible(lock);
    expect(await lock.textContent()).toMatch(/cannot sign in until .+ \(in 1[45] minutes\)/);
    await checkPage('07b-user-locked');
    await lock.getByRole('button', { name: 'Unlock' }).click();
    await visible(main().getByText(`Unlocked: ${DEMO.username} can sign in again.`));
    expect(await lock.count()).toBe(0);
    expect((await signIn(DEMO.password)).url.startsWith('http://localhost:5174/callback')).toBe(true);
  });

  it('holds every page at 1440x900 and at 390x844, light and dark: no sideways scroll, axe clean', async () => {
    const id = async (path: string, match: (x: Record<string, unknown>) => boolean) =>
      ((await server.api('GET', path)).body as Array<Record<string, unknown>>).find(match)!.id as string;
    const resource = await id('/resources', (r) => r.indicator === HASURA_API);
    const role = await id('/roles', (r) => r.name === 'user:reader');
    const user = await id(`/users?search=${DEMO.username}`, () => true);
    const machine = await id('/applications', (a) => a.name === 'Nightly job');
    const spa = await id('/applications', (a) => a.name === 'Lock-out check');
    const pages: Array<[string, string]> = [
      ['get-started', '/console'],
      ['resources', '/console/resources'],
      ['resource', `/console/resources/${resource}`],
      ['roles', '/console/roles'],
      ['role', `/console/roles/${role}`],
      ['users', '/console/users'],
      ['user', `/console/users/${user}`],
      ['applications', '/console/applications'],
      ['application-m2m', `/console/applications/${machine}`],
      ['application-spa', `/console/applications/${spa}`],
      ['custom-jwt', '/console/jwt'],
      ['hasura', '/console/hasura'],
      ['not-found', '/console/no-such-page'],
    ];
    for (const [width, height] of [
      [1440, 900],
      [390, 844],
    ] as const) {
      await page.setViewportSize({ width, height });
      for (const theme of ['Light', 'Dark'] as const) {
        await page.goto(`${server.endpoint}/console`);
        await visible(page.getByText(/steps done/));
        if (width < 700) await page.getByRole('button', { name: 'Menu' }).click();
        await page.getByLabel('Theme').selectOption({ label: theme });
        expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe(theme.toLowerCase());
        if (width < 700) {
          // The folded menu holds the navigation and the sign-out button.
          await visible(page.getByRole('button', { name: 'Sign out' }));
          expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
          shots.push(await screenshot(page, `walk-${width}-${theme.toLowerCase()}-menu`));
        }
        for (const [name, path] of pages) {
          // As a Link click does: push the URL and tell the router (no reload per page).
          await page.evaluate((to) => {
            window.history.pushState(null, '', to);
            window.dispatchEvent(new Event('console:navigate'));
          }, path);
          await main().getByRole('heading', { level: 1 }).first().waitFor();
          await page
            .getByRole('status')
            .filter({ hasText: /Loading|Checking/ })
            .first()
            .waitFor({ state: 'detached' });
          if (name === 'custom-jwt') {
            await page.locator('.cm-content .cm-line').first().waitFor();
            const contrast = await editorContrast(page);
            expect(contrast.checked, 'editor text measured').toBeGreaterThan(20);
            expect(contrast.low, `editor contrast, ${theme}`).toEqual([]);
          }
          expect(await horizontalOverflow(page), `${name} at ${width}px`).toBeLessThanOrEqual(0);
          shots.push(await screenshot(page, `walk-${width}-${theme.toLowerCase()}-${name}`));
          expect(await seriousViolations(page), `axe on ${name} at ${width}px, ${theme}`).toEqual([]);
        }
      }
    }
    await page.evaluate(() => window.localStorage.removeItem('gatehouse.console.theme'));
    await page.setViewportSize({ width: 1280, height: 900 });
  }, 150_000);

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

  it('leaves no dead end: the landing page, /sign-in alone, and the setup hand-off with the username filled in, at 390 px too', async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(`${server.endpoint}/`);
    await page.getByRole('link', { name: 'Admin console' }).waitFor();
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
    await checkPage('18-landing');
    await page.goto(`${server.endpoint}/sign-in`);
    await page.getByRole('link', { name: 'Open the Gatehouse console' }).waitFor();
    await checkPage('19-sign-in-without-interaction');
    // Where the setup page sends the first admin: the console, whose sign-in knows the username.
    await page.goto(`${server.endpoint}/console?login_hint=${ADMIN.username}`);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.locator('#password').waitFor();
    expect(await page.locator('#identifier').inputValue()).toBe(ADMIN.username);
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
    await checkPage('20-sign-in-hinted');
    await page.setViewportSize({ width: 1280, height: 900 });
  });

  it('logged no errors in the browser console', () => {
    expect(problems).toEqual([]);
    expect(shots.length).toBeGreaterThanOrEqual(14);
  });
});

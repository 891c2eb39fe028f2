import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../../packages/server/test/support/server.ts';
import { horizontalOverflow, screenshot, seriousViolations, watchConsole, type ConsoleProblem } from './support/browser-checks.ts';
import { ADMIN, ensureConsoleBuilt } from './support/console-server.ts';

// Connectors and a user's second factors in the console (issue 14 item 9), by clicking: an
// OIDC connector created with its endpoints (no discovery, no network), its redirect URI
// shown; a TOTP factor made through the admin API removed from the user page.
const USER = { username: 'mfa-user', email: 'mfa-user@example.com' };

let server: TestServer;
let browser: Browser;
let page: Page;
let problems: ConsoleProblem[];
let userId: string;
let connectorId: string;
let ssoId: string;

const main = () => page.getByRole('main');
const dialog = () => page.getByRole('dialog');
const heading = () => main().getByRole('heading', { level: 1 }).first();
const visible = (locator: ReturnType<Page['getByText']>) => locator.first().waitFor({ state: 'visible' });
const goTo = async (label: string, title = label) => {
  await page.getByRole('navigation', { name: 'Console' }).getByRole('link', { name: label, exact: true }).click();
  await expect.poll(() => heading().textContent()).toBe(title);
};

async function checkPage(name: string) {
  await screenshot(page, name);
  expect(await seriousViolations(page), `axe on ${name}`).toEqual([]);
}

describe('console: connectors and second factors (chromium)', () => {
  beforeAll(async () => {
    await ensureConsoleBuilt();
    server = await startTestServer('sqlite', {
      env: { BOOTSTRAP_ADMIN_USERNAME: ADMIN.username, BOOTSTRAP_ADMIN_PASSWORD: ADMIN.password },
    });
    const user = await server.api('POST', '/users', { username: USER.username, primaryEmail: USER.email });
    expect(user.status).toBe(201);
    userId = (user.body as { id: string }).id;
    const totp = await server.api('POST', `/users/${userId}/mfa-verifications`, { type: 'Totp' });
    expect(totp.status).toBe(200);
    browser = await chromium.launch({
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
    });
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.endpoint });
    page = await context.newPage();
    page.setDefaultTimeout(15_000);
    problems = watchConsole(page, [
      { status: 404, url: /\/favicon\.ico$/ },
      { status: 404, url: /\/api\/configs\/jwt-customizer\/access-token$/ },
    ]);
  }, 180_000);

  beforeEach(({ task, onTestFailed }) => {
    onTestFailed(async () => {
      await screenshot(page, `connectors-failed-${task.name.replace(/\W+/g, '-').slice(0, 60)}`).catch(() => undefined);
    });
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('signs the admin in', async () => {
    await page.goto(`${server.endpoint}/console`);
    await page.locator('#identifier').fill(ADMIN.username);
    await page.locator('#password').fill(ADMIN.password);
    await page.locator('#submit').click();
    await page.waitForURL(`${server.endpoint}/console`);
    await visible(page.getByText(/steps done/));
  });

  it('creates an OIDC connector and shows the redirect URI to register, with a copy button', async () => {
    await goTo('Connectors');
    await visible(main().getByText('No connectors yet'));
    await page.getByRole('button', { name: 'Create connector' }).click();
    await dialog().getByRole('radio', { name: 'OpenID Connect' }).check();
    await dialog().getByLabel('Target').fill('acme-oidc');
    await dialog().getByLabel('Display name (optional)').fill('Acme SSO');
    await dialog().getByLabel('Client ID').fill('acme-client');
    await dialog().getByLabel('Client secret').fill('acme-secret-value');
    await dialog().getByLabel('Authorization endpoint').fill('https://idp.example.com/authorize');
    await dialog().getByLabel('Token endpoint', { exact: true }).fill('https://idp.example.com/token');
    await dialog().getByLabel('JWKS URI').fill('https://idp.example.com/jwks');
    await checkPage('connectors-01-create');
    await dialog().getByRole('button', { name: 'Create connector' }).click();
    await expect.poll(() => heading().textContent()).toBe('Acme SSO');
    connectorId = decodeURIComponent(new URL(page.url()).pathname.split('/').pop()!);
    const redirectUri = `${server.endpoint}/callback/${connectorId}`;
    await visible(main().getByText(redirectUri, { exact: true }));
    await main().getByRole('button', { name: 'Copy redirect URI' }).click();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(redirectUri);
    // Its name still begins with what it shows (axe below checked this before the fix failed it).
    await main().getByRole('button', { name: 'Copied redirect URI' }).waitFor();
    // The secret never comes back: only its mask.
    expect(await main().getByText('acme-secret-value').count()).toBe(0);
    await checkPage('connectors-02-detail');

    // Edit keeps the stored secret when its field stays empty.
    await main().getByRole('button', { name: 'Edit connector' }).click();
    await dialog().getByLabel('Display name (optional)').fill('Acme');
    await dialog().getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => heading().textContent()).toBe('Acme');
    const saved = await server.api('GET', `/connectors/${connectorId}`);
    expect((saved.body as { config: { clientSecret: string } }).config.clientSecret).toMatch(/alue$/);

    await goTo('Connectors');
    await visible(main().getByRole('link', { name: 'Acme' }));
  });

  it('creates an enterprise SSO connector at this server as the issuer (discovery over loopback)', async () => {
    await goTo('Enterprise SSO');
    await page.getByRole('button', { name: 'Create SSO connector' }).click();
    await dialog().getByLabel('Name').fill('Acme Okta');
    await dialog().getByLabel('Issuer').fill(`${server.endpoint}/oidc`);
    await dialog().getByLabel('Client ID').fill('okta-client');
    await dialog().getByLabel('Client secret').fill('okta-secret-value');
    await dialog().getByLabel('Email domains').fill('acme.test');
    await dialog().getByRole('button', { name: 'Create SSO connector' }).click();
    await expect.poll(() => heading().textContent()).toBe('Acme Okta');
    ssoId = decodeURIComponent(new URL(page.url()).pathname.split('/').pop()!);
    const listed = await server.api('GET', `/sso-connectors/${ssoId}`);
    await visible(main().getByText((listed.body as { redirectUri: string }).redirectUri, { exact: true }));
    await checkPage('connectors-04-sso-detail');
  });

  it('removes the TOTP factor the admin API made, and unlinks an identity, from the user page', async () => {
    const linked = await server.api('PUT', `/users/${userId}/identities/acme-oidc`, {
      userId: 'upstream-42',
      details: { email: USER.email },
    });
    expect(linked.status).toBe(200);
    await page.goto(`${server.endpoint}/console/users/${userId}`);
    await expect.poll(() => heading().textContent()).toBe(USER.username);
    await page.getByRole('tab', { name: 'Second factors' }).click();
    await visible(main().getByRole('cell', { name: 'Authenticator app (TOTP)' }));
    await checkPage('connectors-03-user-second-factors');
    await main().getByRole('button', { name: 'Remove Authenticator app (TOTP)' }).click();
    await dialog().getByRole('button', { name: 'Remove' }).click();
    await visible(main().getByText('No second factors'));
    const left = await server.api('GET', `/users/${userId}/mfa-verifications`);
    expect(left.body).toEqual([]);
    await page.getByRole('tab', { name: 'Linked identities' }).click();
    await visible(main().getByRole('cell', { name: 'upstream-42' }));
    await main().getByRole('button', { name: 'Remove the acme-oidc identity' }).click();
    await dialog().getByRole('button', { name: 'Unlink' }).click();
    await visible(main().getByText('No linked identities'));
    const user = await server.api('GET', `/users/${userId}`);
    expect((user.body as { identities: object }).identities).toEqual({});
  });

  it('holds at 390 px, light and dark: no sideways scroll, axe clean', async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    for (const [theme, name, path] of (['light', 'dark'] as const).flatMap((t) =>
      (
        [
          ['connectors', '/console/connectors'],
          ['connector', `/console/connectors/${connectorId}`],
          ['sso-connectors', '/console/sso-connectors'],
          ['sso-connector', `/console/sso-connectors/${ssoId}`],
          ['user', `/console/users/${userId}`],
        ] as const
      ).map(([n, p]) => [t, n, p] as const),
    )) {
      await page.evaluate((t) => window.localStorage.setItem('gatehouse.console.theme', t), theme);
      await page.goto(`${server.endpoint}${path}`);
      await heading().waitFor();
      await page
        .getByRole('status')
        .filter({ hasText: /Loading/ })
        .first()
        .waitFor({ state: 'detached' });
      expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe(theme);
      expect(await horizontalOverflow(page), `${name} at 390px, ${theme}`).toBeLessThanOrEqual(0);
      await checkPage(`connectors-390-${theme}-${name}`);
    }
    await page.evaluate(() => window.localStorage.removeItem('gatehouse.console.theme'));
    expect(problems).toEqual([]);
  });
});

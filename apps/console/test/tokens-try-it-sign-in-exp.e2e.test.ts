import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../../packages/server/test/support/server.ts';
import { horizontalOverflow, screenshot, seriousViolations, watchConsole, type ConsoleProblem } from './support/browser-checks.ts';
import { ADMIN, ensureConsoleBuilt } from './support/console-server.ts';

// Issue 14 items 6, 7, 9: a test token for a user through the impersonation path, run through
// the Hasura doctor; "Try it" on a SPA in a popup; the sign-in experience with its live preview.
const HASURA_API = 'https://hasura.example.com/api';
const DEMO = { username: 'demo', password: 'correct horse battery staple' };

let server: TestServer;
let browser: Browser;
let page: Page;
let problems: ConsoleProblem[];
const ids: Record<string, string> = {};

const main = () => page.getByRole('main');
const heading = () => main().getByRole('heading', { level: 1 }).first();
const visible = (locator: ReturnType<Page['getByText']>) => locator.first().waitFor({ state: 'visible' });
const goTo = async (label: string, title = label) => {
  await page.getByRole('navigation', { name: 'Console' }).getByRole('link', { name: label, exact: true }).click();
  await expect.poll(() => heading().textContent()).toBe(title);
};
const decode = (jwt: string) => JSON.parse(Buffer.from(jwt.split('.')[1], 'base64url').toString('utf8')) as Record<string, unknown>;

async function checkPage(name: string) {
  await screenshot(page, name);
  expect(await seriousViolations(page), `axe on ${name}`).toEqual([]);
}

describe('console: test tokens, Try it and the sign-in experience (chromium)', () => {
  beforeAll(async () => {
    await ensureConsoleBuilt();
    server = await startTestServer('sqlite', {
      env: { BOOTSTRAP_ADMIN_USERNAME: ADMIN.username, BOOTSTRAP_ADMIN_PASSWORD: ADMIN.password, SCRIPT_TIMEOUT_MS: '10000' },
    });
    const resource = await server.api('POST', '/resources', { name: 'Hasura', indicator: HASURA_API });
    const scope = await server.api('POST', `/resources/${resource.body.id}/scopes`, { name: 'read:user', description: 'Read users' });
    const role = await server.api('POST', '/roles', { name: 'user:reader', type: 'User', scopeIds: [scope.body.id] });
    const user = await server.api('POST', '/users', { username: DEMO.username, password: DEMO.password, name: 'Demo User' });
    await server.api('POST', `/users/${user.body.id}/roles`, { roleIds: [role.body.id] });
    const spa = await server.api('POST', '/applications', {
      name: 'Demo SPA',
      type: 'SPA',
      oidcClientMetadata: { redirectUris: ['http://localhost:5173/callback'], postLogoutRedirectUris: [] },
    });
    ids.user = user.body.id;
    ids.spa = spa.body.id;
    browser = await chromium.launch({
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
    });
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    page = await context.newPage();
    page.setDefaultTimeout(15_000);
    problems = watchConsole(page, [
      { status: 404, url: /\/favicon\.ico$/ },
      { status: 404, url: /\/api\/configs\/jwt-customizer\/(access-token|client-credentials)$/ },
    ]);
  }, 180_000);

  beforeEach(({ task, onTestFailed }) => {
    onTestFailed(async () => {
      await screenshot(page, `tokens-failed-${task.name.replace(/\W+/g, '-').slice(0, 60)}`).catch(() => undefined);
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

  it('gets a test token for a user and runs the doctor on it: the verdict first, passing steps folded', async () => {
    await goTo('Hasura');
    await main().getByText('No token at hand? Get a test token for a user').click();
    await main().getByLabel('User', { exact: true }).selectOption({ label: DEMO.username });
    await main().getByRole('button', { name: 'Get a test token' }).click();
    await visible(main().getByText(/issued to you as actor/));
    const token = await main().getByLabel('Access token').inputValue();
    const claims = decode(token);
    expect(claims.sub).toBe(ids.user);
    expect(claims.aud).toBe(HASURA_API);
    expect((claims.act as { sub?: string }).sub).toBeTruthy();
    expect(claims.scope).toBe('read:user');
    await main().getByRole('button', { name: "Use this server's JWT secret" }).click();
    await expect
      .poll(() => main().getByRole('form', { name: 'Hasura doctor' }).getByLabel('HASURA_GRAPHQL_JWT_SECRET').inputValue())
      .toContain('jwk');
    await main().getByRole('button', { name: 'Diagnose' }).click();
    await visible(main().getByText(/^Hasura (accepts|rejects) this token$/));
    await visible(main().getByText(/passing steps?$/));
    await checkPage('tokens-01-doctor-on-test-token');
    const audit = await server.api('GET', `/logs?userId=${ids.user}&logKey=ExchangeTokenBy.TokenExchange`);
    expect(audit.body[0].payload.actor).toMatchObject({ type: 'user' });
  });

  it('runs the custom JWT script test on a real test token', async () => {
    await goTo('Custom JWT');
    await visible(page.getByRole('textbox', { name: 'access-token claims script' }));
    await main().getByText('Or test on a real token: get a test token for a user').click();
    const form = main().getByRole('group', { name: 'Get a test token' });
    await form.getByLabel('User', { exact: true }).selectOption({ label: DEMO.username });
    await form.getByLabel('API resource').selectOption({ label: 'Hasura' });
    await form.getByRole('button', { name: 'Get a test token' }).click();
    const sampleToken = page.getByRole('textbox', { name: 'Sample token (payload before the extra claims)' });
    await expect.poll(() => sampleToken.inputValue()).toContain(`"sub": "${ids.user}"`);
    expect(await sampleToken.inputValue()).toContain('"act"');
    await page.getByRole('button', { name: 'Test', exact: true }).click();
    await visible(page.getByRole('region', { name: 'Resulting claims' }));
  });

  it('tries a sign-in with a SPA in a popup and shows the decoded tokens', async () => {
    await page.goto(`${server.endpoint}/console/applications/${ids.spa}`);
    await expect.poll(() => heading().textContent()).toBe('Demo SPA');
    await page.getByRole('tab', { name: 'Try it' }).click();
    await main().getByRole('button', { name: "Add the console's redirect URI to this app" }).click();
    await main().getByLabel('API resource (optional)').selectOption({ label: 'Hasura' });
    await checkPage('tokens-02-try-it');
    const [popup] = await Promise.all([page.waitForEvent('popup'), main().getByRole('button', { name: 'Try it', exact: true }).click()]);
    await popup.locator('#identifier').fill(DEMO.username);
    await popup.locator('#password').fill(DEMO.password);
    await popup.locator('#submit').click();
    await popup.getByText('Try it: the sign-in result').waitFor();
    await popup.getByRole('heading', { name: 'ID token' }).waitFor();
    await popup.getByRole('heading', { name: 'Access token' }).waitFor();
    const text = (await popup.locator('main').textContent()) ?? '';
    expect(text).toContain(ids.user);
    expect(text).toContain(HASURA_API);
    expect(popup.url()).toBe(`${server.endpoint}/console/try-it/callback`);
    expect(await seriousViolations(popup)).toEqual([]);
    await screenshot(popup, 'tokens-03-try-it-result');
    await popup.close();
    // The admin's console still works after someone else signed in in the popup.
    await page.reload();
    await expect.poll(() => heading().textContent()).toBe('Demo SPA');
    // The Get started checklist ticks its last step: an app exists and a sign-in was tried.
    await page.goto(`${server.endpoint}/console`);
    await main().locator('.check-item[data-done="true"]', { hasText: 'Create an application and try a sign-in' }).waitFor();
  }, 60_000);

  it('changes the sign-in mode and sees the preview change before saving', async () => {
    await goTo('Sign-in experience');
    const preview = page.frameLocator('iframe[title="Preview of the hosted sign-in page"]');
    await preview.locator('#sign-in-form').waitFor({ state: 'visible' });
    await main().getByLabel('Create an account only').check();
    await preview.locator('#screen-register').waitFor({ state: 'visible' });
    expect(await preview.locator('#sign-in-form').isVisible()).toBe(false);
    await checkPage('tokens-04-sign-in-experience');
    await main().getByRole('button', { name: 'Save changes' }).click();
    await visible(main().getByText(/^Saved/));
    expect((await server.api('GET', '/sign-in-exp')).body.signInMode).toBe('Register');
    await page.getByRole('tab', { name: 'Email templates' }).click();
    await main().getByLabel('Subject').fill('Your code: {{code}}');
    await main().getByLabel('Content').fill('Enter {{code}} to continue.');
    await main().getByRole('button', { name: 'Save template' }).click();
    await visible(main().getByText('Template saved.'));
    await visible(main().getByText(/Register \(en\): Your code/));
  });

  it('holds these pages at 390 px: no sideways scroll, axe clean, no console errors', async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    for (const [name, path] of [
      ['hasura', '/console/hasura'],
      ['application', `/console/applications/${ids.spa}`],
      ['sign-in-experience', '/console/sign-in-experience'],
    ] as const) {
      await page.goto(`${server.endpoint}${path}`);
      await heading().waitFor();
      await page
        .getByRole('status')
        .filter({ hasText: /Loading/ })
        .first()
        .waitFor({ state: 'detached' });
      expect(await horizontalOverflow(page), `${name} at 390px`).toBeLessThanOrEqual(0);
      await screenshot(page, `tokens-390-${name}`);
      expect(await seriousViolations(page), `axe on ${name} at 390px`).toEqual([]);
    }
    expect(problems, JSON.stringify(problems)).toEqual([]);
  }, 60_000);
});

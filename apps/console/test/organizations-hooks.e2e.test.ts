import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startReceiver, type Receiver } from '../../../packages/server/test/events/receiver.ts';
import { startTestServer, type TestServer } from '../../../packages/server/test/support/server.ts';
import { horizontalOverflow, screenshot, seriousViolations, watchConsole, type ConsoleProblem } from './support/browser-checks.ts';
import { ADMIN, ensureConsoleBuilt } from './support/console-server.ts';

// Organizations (issue 12), webhooks and the audit log (issue 13) in the console, by clicking
// only: the organization template, an organization with a member holding a role and an
// invitation, a webhook to a loopback receiver (which checks both signatures with the key the
// console showed once), a delivery seen and redelivered, and the audit log filtered.
const MEMBER = { username: 'member1', email: 'member1@example.com' };

let server: TestServer;
let receiver: Receiver;
let browser: Browser;
let page: Page;
let problems: ConsoleProblem[];
const ids: Record<string, string> = {};

const main = () => page.getByRole('main');
const dialog = () => page.getByRole('dialog');
const heading = () => main().getByRole('heading', { level: 1 }).first();
const visible = (locator: ReturnType<Page['getByText']>) => locator.first().waitFor({ state: 'visible' });
const goTo = async (label: string, title = label) => {
  await page.getByRole('navigation', { name: 'Console' }).getByRole('link', { name: label, exact: true }).click();
  await expect.poll(() => heading().textContent()).toBe(title);
};
const idFromUrl = () => decodeURIComponent(new URL(page.url()).pathname.split('/').pop()!);

async function checkPage(name: string) {
  await screenshot(page, name);
  expect(await seriousViolations(page), `axe on ${name}`).toEqual([]);
}

describe('console: organizations, webhooks and the audit log (chromium)', () => {
  beforeAll(async () => {
    await ensureConsoleBuilt();
    receiver = await startReceiver();
    server = await startTestServer('sqlite', {
      env: { BOOTSTRAP_ADMIN_USERNAME: ADMIN.username, BOOTSTRAP_ADMIN_PASSWORD: ADMIN.password, HOOKS_ALLOW_PRIVATE_URLS: 'true' },
      deliveries: { pollMs: 50, baseBackoffMs: 100, maxBackoffMs: 1000 },
    });
    const member = await server.api('POST', '/users', { username: MEMBER.username, primaryEmail: MEMBER.email, name: 'Member One' });
    expect(member.status).toBe(201);
    ids.member = (member.body as { id: string }).id;
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
      // The get-started page asks whether a custom JWT script exists: 404 says none, by contract.
      { status: 404, url: /\/api\/configs\/jwt-customizer\/access-token$/ },
    ]);
  }, 180_000);

  beforeEach(({ task, onTestFailed }) => {
    onTestFailed(async () => {
      await screenshot(page, `orgs-hooks-failed-${task.name.replace(/\W+/g, '-').slice(0, 60)}`).catch(() => undefined);
    });
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    await receiver?.close();
  });

  it('signs the admin in', async () => {
    await page.goto(`${server.endpoint}/console`);
    await page.locator('#identifier').fill(ADMIN.username);
    await page.locator('#password').fill(ADMIN.password);
    await page.locator('#submit').click();
    await page.waitForURL(`${server.endpoint}/console`);
    await visible(page.getByText(/steps done/));
  });

  it('defines the organization template: a permission, and a role granting it', async () => {
    await goTo('Organizations');
    await main().getByRole('link', { name: 'organization template' }).click();
    await expect.poll(() => heading().textContent()).toBe('Organization template');
    await page.getByRole('tab', { name: 'Organization permissions' }).click();
    await page.getByRole('button', { name: 'Create organization permission' }).click();
    await dialog().getByLabel('Permission name').fill('invite:member');
    await dialog().getByLabel('Description').fill('Invite members');
    await dialog().getByRole('button', { name: 'Add permission' }).click();
    await visible(main().getByRole('cell', { name: 'invite:member', exact: true }));
    await page.getByRole('tab', { name: 'Organization roles' }).click();
    await page.getByRole('button', { name: 'Create organization role' }).click();
    await dialog().getByLabel('Role name').fill('editor');
    await dialog().getByRole('button', { name: 'Create role' }).click();
    await expect.poll(() => heading().textContent()).toBe('editor');
    ids.role = idFromUrl();
    await page.getByRole('button', { name: 'Assign permissions' }).click();
    await dialog()
      .getByRole('checkbox', { name: /invite:member/ })
      .check();
    await dialog()
      .getByRole('button', { name: /^Assign 1 permission$/ })
      .click();
    await visible(main().getByRole('cell', { name: 'invite:member', exact: true }));
    await checkPage('orgs-01-organization-role');
  });

  it('creates a webhook to a loopback receiver and shows its signing key once', async () => {
    await goTo('Webhooks');
    await page.getByRole('button', { name: 'Create webhook' }).click();
    await dialog().getByLabel('Name').fill('Org sync');
    await dialog().getByLabel('Endpoint URL').fill(`${receiver.url}/orgs`);
    await dialog().getByRole('checkbox', { name: 'User.Created' }).uncheck();
    await dialog().getByRole('checkbox', { name: 'Organization.Created' }).check();
    await dialog().getByRole('checkbox', { name: 'Organization.Membership.Updated' }).check();
    await checkPage('orgs-02-webhook-create');
    await dialog().getByRole('button', { name: 'Create webhook' }).click();
    await expect.poll(() => heading().textContent()).toBe('Org sync');
    ids.hook = idFromUrl();
    const key = (await main().locator('pre').first().textContent())!.trim();
    expect(key).toMatch(/^whsec_/);
    receiver.secrets.set('/orgs', key);
    await visible(main().getByText('it is shown only once'));
    await visible(main().getByText('No deliveries yet'));
    // Shown once: the page opened again no longer has it.
    await page.reload();
    await visible(main().getByText('The key was shown when it was made'));
    expect(await main().getByText(key).count()).toBe(0);
  });

  it('creates an organization, adds a member with a role, and invites someone', async () => {
    await goTo('Organizations');
    await page.getByRole('button', { name: 'Create organization' }).click();
    await dialog().getByLabel('Organization name').fill('Acme');
    await dialog().getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => heading().textContent()).toBe('Acme');
    ids.org = idFromUrl();

    await page.getByRole('button', { name: 'Add members' }).click();
    await dialog().getByLabel('Search users').fill(MEMBER.username);
    await dialog()
      .getByRole('checkbox', { name: new RegExp(MEMBER.username) })
      .check();
    await dialog()
      .getByRole('button', { name: /^Assign 1 user$/ })
      .click();
    await visible(main().getByRole('link', { name: MEMBER.username }));
    await page.getByRole('button', { name: `Edit roles of ${MEMBER.username}` }).click();
    await dialog()
      .getByRole('checkbox', { name: /editor/ })
      .check();
    await dialog().getByRole('button', { name: 'Save roles' }).click();
    await visible(main().getByText('editor', { exact: true }));
    await checkPage('orgs-03-organization-members');
    const members = await server.api('GET', `/organizations/${ids.org}/users`);
    expect(members.body).toEqual([expect.objectContaining({ id: ids.member, organizationRoles: [{ id: ids.role, name: 'editor' }] })]);

    await page.getByRole('tab', { name: 'Invitations' }).click();
    await page.getByRole('button', { name: 'Invite member' }).click();
    await dialog().getByLabel('Email address').fill('not-an-email');
    await dialog().getByRole('button', { name: 'Create invitation' }).click();
    await visible(dialog().getByText('must be an email address'));
    await dialog().getByLabel('Email address').fill('ada@example.com');
    await dialog()
      .getByRole('checkbox', { name: /editor/ })
      .check();
    await dialog().getByRole('button', { name: 'Create invitation' }).click();
    await visible(main().getByRole('cell', { name: 'ada@example.com' }));
    await visible(main().getByText('Pending', { exact: true }));
    await checkPage('orgs-04-organization-invitations');

    await page.getByRole('tab', { name: 'Just-in-time' }).click();
    await page.getByLabel('Email domain', { exact: true }).fill('acme.example');
    await page.getByRole('button', { name: 'Add domain' }).click();
    await visible(main().getByRole('cell', { name: 'acme.example' }));
    await checkPage('orgs-05-organization-jit');
  });

  it('delivers the signed events, shows them in recent deliveries, and redelivers one', async () => {
    await receiver.waitFor((d) => d.some((x) => x.body.event === 'Organization.Membership.Updated'));
    const created = receiver.deliveries.find((d) => d.body.event === 'Organization.Created')!;
    expect(created).toMatchObject({ logtoSignatureValid: true, standardSignatureValid: true });
    expect(created.body.data).toMatchObject({ id: ids.org, name: 'Acme' });

    await goTo('Webhooks');
    await main().getByRole('link', { name: 'Org sync' }).click();
    await expect.poll(() => heading().textContent()).toBe('Org sync');
    await visible(main().getByText('Success', { exact: true }));
    await checkPage('orgs-06-webhook-deliveries');
    const before = receiver.deliveries.filter((d) => d.body.event === 'Organization.Created').length;
    await main()
      .getByRole('button', { name: /^Redeliver TriggerHook\.Organization\.Created/ })
      .click();
    await receiver.waitFor((d) => d.filter((x) => x.body.event === 'Organization.Created').length > before);
    const again = receiver.deliveries.filter((d) => d.body.event === 'Organization.Created').at(-1)!;
    // The same event: receivers deduplicate on webhook-id.
    expect(again.webhookId).toBe(created.webhookId);
    expect(again.standardSignatureValid).toBe(true);

    // Disable and enable again with the switch.
    await main().getByRole('switch', { name: 'Enabled' }).uncheck();
    await visible(main().getByText('Disabled', { exact: true }));
    expect(((await server.api('GET', `/hooks/${ids.hook}`)).body as { enabled: boolean }).enabled).toBe(false);
    await main().getByRole('switch', { name: 'Enabled' }).check();
    await expect.poll(async () => ((await server.api('GET', `/hooks/${ids.hook}`)).body as { enabled: boolean }).enabled).toBe(true);
  });

  it('filters the audit log by event key and user, and shows an entry and a user’s tab', async () => {
    await goTo('Audit log');
    await page.getByLabel('Event key').fill('Organization.Created');
    await page.getByRole('button', { name: 'Apply filters' }).click();
    await expect.poll(async () => (await main().locator('tbody tr').allTextContents()).length, { timeout: 10_000 }).toBe(1);
    expect(await main().locator('tbody tr').first().textContent()).toContain('Organization.Created');
    await checkPage('orgs-07-audit-log-filtered');
    await page.getByLabel('Event key').fill('');
    await page.getByLabel('User ID').fill(ids.member);
    await page.getByRole('button', { name: 'Apply filters' }).click();
    // The previous (event-key) result stays on screen until the new list arrives: wait for the new one.
    await expect.poll(async () => main().locator('tbody tr code').allTextContents(), { timeout: 10_000 }).toContain('User.Created');
    await main().locator('tbody tr a').first().click();
    await visible(main().getByRole('heading', { level: 1 }));
    await visible(main().getByText('"userId"'));

    await page.goto(`${server.endpoint}/console/users/${ids.member}`);
    await page.getByRole('tab', { name: 'Audit log' }).click();
    await visible(main().getByText('User.Created'));
    await checkPage('orgs-08-user-audit-log');
  });

  it('holds the new pages at 1440 px and 390 px, light and dark: no sideways scroll, axe clean', async () => {
    const pages: Array<[string, string]> = [
      ['organizations', '/console/organizations'],
      ['organization', `/console/organizations/${ids.org}`],
      ['organization-template', '/console/organization-template'],
      ['organization-role', `/console/organization-roles/${ids.role}`],
      ['hooks', '/console/hooks'],
      ['hook', `/console/hooks/${ids.hook}`],
      ['logs', '/console/logs'],
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
        for (const [name, path] of pages) {
          await page.evaluate((to) => {
            window.history.pushState(null, '', to);
            window.dispatchEvent(new Event('console:navigate'));
          }, path);
          await heading().waitFor();
          await page
            .getByRole('status')
            .filter({ hasText: /Loading/ })
            .first()
            .waitFor({ state: 'detached' });
          expect(await horizontalOverflow(page), `${name} at ${width}px`).toBeLessThanOrEqual(0);
          await screenshot(page, `orgs-walk-${width}-${theme.toLowerCase()}-${name}`);
          expect(await seriousViolations(page), `axe on ${name} at ${width}px, ${theme}`).toEqual([]);
        }
      }
    }
    await page.evaluate(() => window.localStorage.removeItem('gatehouse.console.theme'));
    expect(problems).toEqual([]);
  }, 120_000);
});

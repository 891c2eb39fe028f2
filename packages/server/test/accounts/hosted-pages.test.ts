import { mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import * as oidc from 'openid-client';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { discover } from '../support/browser.ts';
import { startTestServer, type TestServer } from '../support/server.ts';
import { codeIn, startSmtp, type TestSmtp } from '../support/smtp.ts';

// Issue 11 item 5 in Chromium (SQLite only): the hosted pages on the Experience API, with a real
// SMTP server on loopback. Register with email from first_screen=register, forgot password, axe
// on every screen, screenshots of every screen in English and German, light and dark, desktop and
// phone (test-artifacts/accounts/).

const REDIRECT = 'http://localhost:5173/callback';
const GOOD_PASSWORD = 'Velvet-Orbit-Lantern-42';
const SCREENS = ['sign-in', 'register', 'forgot-password', 'verify', 'password'] as const;
const artifacts = join(import.meta.dirname, '../../../../test-artifacts/accounts');
const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

interface Violation {
  id: string;
  impact: string | null;
  targets: string[];
}

/** axe-core's serious and critical violations, evaluated over DevTools (the page's CSP allows no injected script). */
async function seriousViolations(page: Page): Promise<Violation[]> {
  await page.evaluate(axeSource);
  // Runs in the page: its globals are the browser's (this test project has no DOM types).
  const all = await page.evaluate(async () => {
    const g = globalThis as any;
    const { violations } = await g.axe.run(g.document);
    return (violations as Array<{ id: string; impact: string | null; nodes: Array<{ target: unknown[] }> }>).map((v) => ({
      id: v.id,
      impact: v.impact,
      targets: v.nodes.map((n) => String(n.target)),
    }));
  });
  return all.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

describe('hosted sign-in pages in Chromium (sqlite)', () => {
  let server: TestServer;
  let smtp: TestSmtp;
  let browser: Browser;
  let clientId: string;

  beforeAll(async () => {
    smtp = await startSmtp();
    server = await startTestServer('sqlite', { env: { SMTP_URL: smtp.url, EMAIL_FROM: 'Gatehouse <no-reply@example.test>' } });
    const app = await server.api('POST', '/applications', {
      name: 'Acme Notes',
      type: 'SPA',
      oidcClientMetadata: { redirectUris: [REDIRECT] },
    });
    clientId = app.body.id;
    const settings = await server.api('PATCH', '/sign-in-exp', {
      signInMode: 'SignInAndRegister',
      signUp: { identifiers: ['email'], password: true, verify: true },
      signIn: { methods: [{ identifier: 'email', password: true, verificationCode: false, isPasswordPrimary: true }] },
      forgotPasswordMethods: ['EmailVerificationCode'],
      color: { primaryColor: '#0B6E4F', isDarkModeEnabled: true, darkPrimaryColor: '#5FD3A8' },
    });
    expect(settings.status).toBe(200);
    mkdirSync(artifacts, { recursive: true });
    browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ['--no-sandbox'] });
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    await smtp?.stop();
  });

  /** A new authorization request in `context`. Nothing listens at the app's redirect URI: the request to it is enough. */
  async function authorize(context: BrowserContext, extra: Record<string, string> = {}) {
    const config = await discover(server.issuer, clientId);
    const verifier = oidc.randomPKCECodeVerifier();
    const state = oidc.randomState();
    const url = oidc.buildAuthorizationUrl(config, {
      redirect_uri: REDIRECT,
      scope: 'openid profile email',
      code_challenge: await oidc.calculatePKCECodeChallenge(verifier),
      code_challenge_method: 'S256',
      state,
      ...extra,
    });
    const page = await context.newPage();
    // Routes do not see the end of a redirect chain: the request itself is watched for.
    const callback = page.waitForRequest((request) => request.url().startsWith(REDIRECT), { timeout: 30_000 });
    // Pages closed without reaching the app (the screenshots) leave it pending: not an error.
    callback.catch(() => undefined);
    await page.goto(url.href);
    return {
      page,
      /** Waits for the browser to be sent to the app's redirect URI and redeems its code. */
      async tokens() {
        const request = await callback;
        return oidc.authorizationCodeGrant(config, new URL(request.url()), { pkceCodeVerifier: verifier, expectedState: state });
      },
    };
  }

  it('creates an account from first_screen=register: email, code by SMTP, a password the policy explains, tokens for the app', async () => {
    const context = await browser.newContext();
    const { page, tokens } = await authorize(context, { first_screen: 'register' });
    await expect.poll(() => page.locator('#screen-register').isVisible()).toBe(true);
    const email = 'lin@example.test';
    await page.fill('#register-email', email);
    const before = smtp.received.length;
    await page.click('#register-email-form button[type=submit]');
    await page.locator('#screen-verify').waitFor();
    await page.fill('#code', codeIn(await smtp.mailTo(email, before)));
    await page.click('#verify-form button[type=submit]');
    await page.locator('#screen-password').waitFor();

    await page.fill('#new-password', 'short');
    expect((await page.locator('#screen-password [data-rule=length]').getAttribute('class')) ?? '').not.toContain('ok');
    await page.fill('#new-password', 'password');
    expect(await page.locator('#screen-password [data-rule=length]').getAttribute('class')).toContain('ok');
    await page.click('#password-submit');
    await expect.poll(() => page.locator('#error').textContent()).toMatch(/too common/);

    await page.fill('#new-password', GOOD_PASSWORD);
    await page.click('#password-submit');
    const issued = await tokens();
    expect(issued.claims()?.email).toBe(email);
    await context.close();
  });

  it('resets a forgotten password through the pages, then signs in with the new one', async () => {
    const email = 'mo@example.test';
    expect((await server.api('POST', '/users', { primaryEmail: email, password: 'Quartz-Meadow-Signal-77' })).status).toBe(201);
    const context = await browser.newContext();
    const { page, tokens } = await authorize(context);
    await page.click('a[data-go=forgot-password]');
    await page.fill('#forgot-email', email);
    const before = smtp.received.length;
    await page.click('#forgot-email-form button[type=submit]');
    await page.locator('#screen-verify').waitFor();
    await page.fill('#code', codeIn(await smtp.mailTo(email, before)));
    await page.click('#verify-form button[type=submit]');
    await page.locator('#screen-password').waitFor();
    await page.fill('#new-password', GOOD_PASSWORD);
    await page.click('#password-submit');
    await page.locator('#screen-sign-in').waitFor();
    expect(await page.locator('#status').textContent()).toMatch(/password was changed/);
    expect(await page.inputValue('#identifier')).toBe(email);
    await page.fill('#password', GOOD_PASSWORD);
    await page.click('#submit');
    expect((await tokens()).access_token).toBeTruthy();
    await context.close();
  });

  it('passes axe on every screen and is screenshotted in English and German, light and dark, desktop and phone', async () => {
    const problems: string[] = [];
    for (const [device, viewport] of [
      ['desktop', { width: 1280, height: 800 }],
      ['phone', { width: 390, height: 844 }],
    ] as const) {
      for (const scheme of ['light', 'dark'] as const) {
        const context = await browser.newContext({
          viewport,
          colorScheme: scheme,
          isMobile: device === 'phone',
          hasTouch: device === 'phone',
        });
        for (const language of ['en', 'de']) {
          const { page } = await authorize(context, { ui_locales: language });
          expect(await page.getAttribute('html', 'lang')).toBe(language);
          expect(await page.textContent('h1')).toBe(language === 'de' ? 'Anmelden' : 'Sign in');
          for (const screen of SCREENS) {
            // Only the visible screen changes: what the module shows at that step.
            await page.evaluate((id) => {
              for (const s of (globalThis as any).document.querySelectorAll('main > section')) s.hidden = s.id !== `screen-${id}`;
            }, screen);
            const name = `${screen}-${language}-${scheme}-${device}`;
            if (device === 'desktop')
              for (const v of await seriousViolations(page)) problems.push(`${name}: ${v.id} ${v.targets.join(' ')}`);
            else {
              const overflow = await page.evaluate(() => {
                const g = globalThis as any;
                return (g.document.documentElement.scrollWidth as number) - (g.innerWidth as number);
              });
              if (overflow > 0) problems.push(`${name}: ${overflow}px wider than the phone`);
            }
            await page.screenshot({ path: join(artifacts, `${name}.png`), fullPage: true });
          }
        }
        await context.close();
      }
    }
    expect(problems).toEqual([]);
  }, 90_000);
});

import * as oidc from 'openid-client';
import { Secret, TOTP } from 'otpauth';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeJwt } from 'jose';
import { discover } from '../support/browser.ts';
import { freePort, startTestServer, type TestServer } from '../support/server.ts';
import { createServer, type Server } from 'node:http';

/** The WebAuthn globals that the page code below uses: it runs in Chromium, and the test project has no DOM lib. */
interface BrowserWebAuthn {
  PublicKeyCredential: { parseCreationOptionsFromJSON(o: unknown): unknown; parseRequestOptionsFromJSON(o: unknown): unknown };
  navigator: {
    credentials: {
      create(o: { publicKey: unknown }): Promise<{ toJSON(): unknown } | null>;
      get(o: { publicKey: unknown }): Promise<{ toJSON(): unknown } | null>;
    };
  };
}

// Issue 15 items 1-3 in Chromium, with ENDPOINT=http://localhost:<port> (WebAuthn needs a domain
// as RP ID): TOTP enrolled and then required at sign-in (reused and wrong codes refused), a backup
// code that works once, a passkey registered through Chromium's virtual authenticator and then
// used to sign in without a password; each ID token's amr says how. The page calls the
// Experience API from the server's own origin, as the hosted pages do.
const PASSWORD = 'a long enough password 1';

interface Reply {
  status: number;
  body: Record<string, unknown> & { code?: string };
}

describe('MFA and passkeys in Chromium (sqlite)', () => {
  let server: TestServer;
  let browser: Browser;
  let clientId: string;
  let userId: string;
  let secret: string;
  let backupCodes: string[];
  // The app: a real page on loopback (Playwright does not route a redirect's target).
  let appServer: Server;
  let REDIRECT: string;

  beforeAll(async () => {
    const appPort = await freePort();
    REDIRECT = `http://localhost:${appPort}/callback`;
    appServer = createServer((_req, res) => res.end('back in the app'));
    await new Promise<void>((resolve) => appServer.listen(appPort, '127.0.0.1', resolve));
    server = await startTestServer('sqlite', { publicHost: 'localhost' });
    const app = await server.api('POST', '/applications', { name: 'App', type: 'SPA', oidcClientMetadata: { redirectUris: [REDIRECT] } });
    clientId = (app.body as { id: string }).id;
    userId = ((await server.api('POST', '/users', { username: 'alice', password: PASSWORD })).body as { id: string }).id;
    const exp = await server.api('PATCH', '/sign-in-exp', {
      mfa: { factors: ['Totp', 'WebAuthn', 'BackupCode'], policy: 'UserControlled' },
      passkeySignIn: { enabled: true },
    });
    expect(exp.status).toBe(200);
    browser = await chromium.launch({
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: ['--no-sandbox', '--host-resolver-rules=MAP localhost 127.0.0.1'],
    });
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    appServer?.close();
  });

  /** A fresh browser (no session) at the hosted sign-in page of a new authorization request. */
  async function startSignIn(context?: BrowserContext) {
    const ctx = context ?? (await browser.newContext());
    const page: Page = await ctx.newPage();
    const config = await discover(server.issuer, clientId);
    const verifier = oidc.randomPKCECodeVerifier();
    const state = oidc.randomState();
    const url = oidc.buildAuthorizationUrl(config, {
      redirect_uri: REDIRECT,
      scope: 'openid profile',
      code_challenge: await oidc.calculatePKCECodeChallenge(verifier),
      code_challenge_method: 'S256',
      state,
      prompt: 'login consent',
    });
    await page.goto(url.href);
    expect(new URL(page.url()).pathname).toMatch(/^\/sign-in\//);
    const call = (method: string, path: string, body?: unknown): Promise<Reply> =>
      page.evaluate(
        async ([m, p, b]) => {
          const res = await fetch(`/api/experience${p}`, {
            method: m,
            headers: b === undefined ? {} : { 'content-type': 'application/json' },
            body: b === undefined ? undefined : JSON.stringify(b),
          });
          const text = await res.text();
          return { status: res.status, body: (text ? JSON.parse(text) : {}) as Record<string, unknown> };
        },
        [method, path, body] as const,
      );
    const finish = async (redirectTo: string) => {
      await page.goto(redirectTo);
      await page.waitForURL((url) => url.href.startsWith(REDIRECT));
      const tokens = await oidc.authorizationCodeGrant(config, new URL(page.url()), {
        pkceCodeVerifier: verifier,
        expectedState: state,
        idTokenExpected: true,
      });
      const claims = decodeJwt(tokens.id_token ?? '');
      return claims;
    };
    return { ctx, page, call, finish };
  }

  const signInWithPassword = async (call: (m: string, p: string, b?: unknown) => Promise<Reply>) => {
    expect((await call('PUT', '', { interactionEvent: 'SignIn' })).status).toBe(204);
    const pwd = await call('POST', '/verification/password', { identifier: { type: 'username', value: 'alice' }, password: PASSWORD });
    expect(pwd.status).toBe(200);
    expect((await call('POST', '/identification', { verificationId: pwd.body.verificationId })).status).toBe(204);
  };

  const codeAt = (offsetSteps: number) =>
    new TOTP({ secret: Secret.fromBase32(secret) }).generate({ timestamp: Date.now() + offsetSteps * 30_000 });

  it('enrolls TOTP and backup codes after a password sign-in; the ID token says pwd + otp + mfa', async () => {
    const { ctx, call, finish } = await startSignIn();
    await signInWithPassword(call);
    const created = await call('POST', '/verification/totp/secret');
    expect(created.status).toBe(200);
    secret = created.body.secret as string;
    expect(created.body.secretQrCode).toMatch(/^data:image\/svg\+xml;base64,/);
    const wrongFirst = await call('POST', '/verification/totp/verify', { verificationId: created.body.verificationId, code: '000000' });
    expect(wrongFirst.body.code).toBe('session.mfa.invalid_totp_code');
    const verified = await call('POST', '/verification/totp/verify', { verificationId: created.body.verificationId, code: codeAt(0) });
    expect(verified.status).toBe(200);
    expect((await call('POST', '/profile/mfa', { type: 'Totp', verificationId: verified.body.verificationId })).status).toBe(204);
    const backup = await call('POST', '/verification/backup-code/generate');
    backupCodes = backup.body.codes as string[];
    expect(backupCodes).toHaveLength(10);
    expect((await call('POST', '/profile/mfa', { type: 'BackupCode', verificationId: backup.body.verificationId })).status).toBe(204);
    const submitted = await call('POST', '/submit');
    expect(submitted.status).toBe(200);
    const claims = await finish(submitted.body.redirectTo as string);
    expect(claims.sub).toBe(userId);
    expect(claims.amr).toEqual(['pwd', 'otp', 'mfa']);
    expect(claims.acr).toBe('urn:gatehouse:acr:mfa');
    const listed = (await server.api('GET', `/users/${userId}/mfa-verifications`)).body as Array<{ type: string }>;
    expect(listed.map((v) => v.type).sort()).toEqual(['BackupCode', 'Totp']);
    await ctx.close();
  }, 60_000);

  it('then requires the second factor: password alone is refused, wrong and reused codes are refused, a fresh code signs in', async () => {
    const { ctx, call, finish } = await startSignIn();
    await signInWithPassword(call);
    const early = await call('POST', '/submit');
    expect(early.status).toBe(403);
    expect(early.body.code).toBe('session.mfa.require_mfa_verification');

    const wrong = await call('POST', '/verification/totp/verify', { code: codeAt(0) === '123456' ? '654321' : '123456' });
    expect(wrong.status).toBe(400);
    expect(wrong.body.code).toBe('session.mfa.invalid_totp_code');
    // The enrollment used the current step's code: it is spent (as is any older one).
    const reused = await call('POST', '/verification/totp/verify', { code: codeAt(0) });
    expect(reused.status).toBe(400);
    const next = await call('POST', '/verification/totp/verify', { code: codeAt(1) });
    expect(next.status).toBe(200);
    const replay = await call('POST', '/verification/totp/verify', { code: codeAt(1) });
    expect(replay.status).toBe(400);

    const submitted = await call('POST', '/submit');
    expect(submitted.status).toBe(200);
    expect((await finish(submitted.body.redirectTo as string)).amr).toEqual(['pwd', 'otp', 'mfa']);
    await ctx.close();
  }, 60_000);

  it('accepts a backup code once', async () => {
    for (const expected of [200, 400]) {
      const { ctx, call, finish } = await startSignIn();
      await signInWithPassword(call);
      const used = await call('POST', '/verification/backup-code/verify', { code: backupCodes[0] });
      expect(used.status).toBe(expected);
      if (expected === 200) {
        const submitted = await call('POST', '/submit');
        expect((await finish(submitted.body.redirectTo as string)).amr).toEqual(['pwd', 'otp', 'mfa']);
      } else {
        expect(used.body.code).toBe('session.mfa.invalid_backup_code');
      }
      await ctx.close();
    }
    const listed = (await server.api('GET', `/users/${userId}/mfa-verifications`)).body as Array<{ type: string; remainCodes?: number }>;
    expect(listed.find((v) => v.type === 'BackupCode')?.remainCodes).toBe(9);
  }, 60_000);

  it('registers a passkey with the virtual authenticator, then signs in with it and no password', async () => {
    const context = await browser.newContext();
    const { page, call, finish } = await startSignIn(context);
    const cdp = await context.newCDPSession(page);
    await cdp.send('WebAuthn.enable');
    const authenticator = {
      options: { protocol: 'ctap2', transport: 'internal', hasResidentKey: true, hasUserVerification: true, isUserVerified: true },
    } as const;
    const { authenticatorId } = await cdp.send('WebAuthn.addVirtualAuthenticator', authenticator);
    await signInWithPassword(call);
    expect((await call('POST', '/verification/backup-code/verify', { code: backupCodes[1] })).status).toBe(200);
    const reg = await call('POST', '/verification/web-authn/registration');
    expect(reg.status).toBe(200);
    const payload = await page.evaluate(async (options) => {
      const { PublicKeyCredential, navigator } = globalThis as unknown as BrowserWebAuthn;
      const publicKey = PublicKeyCredential.parseCreationOptionsFromJSON(options);
      const credential = await navigator.credentials.create({ publicKey });
      return credential?.toJSON();
    }, reg.body.registrationOptions);
    const verified = await call('POST', '/verification/web-authn/registration/verify', {
      verificationId: reg.body.verificationId,
      payload,
    });
    expect(verified.status).toBe(200);
    expect((await call('POST', '/profile/mfa', { type: 'WebAuthn', verificationId: verified.body.verificationId })).status).toBe(204);
    const submitted = await call('POST', '/submit');
    expect(submitted.status).toBe(200);
    await finish(submitted.body.redirectTo as string);
    const listed = (await server.api('GET', `/users/${userId}/mfa-verifications`)).body as Array<{ type: string; agent?: string }>;
    expect(listed.find((v) => v.type === 'WebAuthn')?.agent).toContain('Chrom');

    // A new sign-in in a new tab whose authenticator holds the same passkey: no username, no password.
    const { credentials } = await cdp.send('WebAuthn.getCredentials', { authenticatorId });
    expect(credentials).toHaveLength(1);
    const second = await startSignIn(context);
    const cdp2 = await context.newCDPSession(second.page);
    await cdp2.send('WebAuthn.enable');
    const added = await cdp2.send('WebAuthn.addVirtualAuthenticator', authenticator);
    await cdp2.send('WebAuthn.addCredential', { authenticatorId: added.authenticatorId, credential: credentials[0] });
    const options = await second.call('POST', '/preflight/sign-in-passkey/authentication');
    expect(options.status).toBe(200);
    expect(options.body.authenticationOptions).not.toHaveProperty('allowCredentials.0');
    const assertion = await second.page.evaluate(async (opts) => {
      const { PublicKeyCredential, navigator } = globalThis as unknown as BrowserWebAuthn;
      const publicKey = PublicKeyCredential.parseRequestOptionsFromJSON(opts);
      const credential = await navigator.credentials.get({ publicKey });
      return credential?.toJSON();
    }, options.body.authenticationOptions);
    const passkey = await second.call('POST', '/verification/sign-in-passkey/authentication/verify', {
      verificationId: options.body.verificationId,
      payload: assertion,
    });
    expect(passkey.status).toBe(200);
    // The challenge is spent: the same assertion cannot be replayed.
    const replay = await second.call('POST', '/verification/sign-in-passkey/authentication/verify', {
      verificationId: options.body.verificationId,
      payload: assertion,
    });
    expect(replay.body.code).toBe('session.verification_session_not_found');
    const done = await second.call('POST', '/submit');
    expect(done.status).toBe(200);
    const claims = await second.finish(done.body.redirectTo as string);
    expect(claims.sub).toBe(userId);
    expect(claims.amr).toEqual(['hwk', 'mfa']);

    await context.close();
  }, 90_000);

  it('the hosted form: the password leads to the MFA screen, not the app; a wrong backup code is shown as refused, a right one signs in', async () => {
    const { ctx, page, finish } = await startSignIn();
    await page.fill('#identifier', 'alice');
    await page.fill('#password', PASSWORD);
    await page.click('#submit');
    await page.waitForSelector('#screen-mfa-verify:not([hidden])');
    expect(page.url().startsWith(REDIRECT)).toBe(false);
    expect(await page.isVisible('#mfa-totp-form')).toBe(true);
    expect(await page.isVisible('#mfa-webauthn')).toBe(true);
    await page.fill('#mfa-backup', '0000000000');
    await page.click('#mfa-backup-form button[type=submit]');
    await page.waitForSelector('#error:not([hidden])');
    expect(await page.textContent('#error')).toContain('wrong');
    await page.fill('#mfa-backup', backupCodes[2]);
    await page.click('#mfa-backup-form button[type=submit]');
    await page.waitForURL((url) => url.href.startsWith(REDIRECT));
    const claims = await finish(page.url());
    expect(claims.sub).toBe(userId);
    expect(claims.amr).toEqual(['pwd', 'otp', 'mfa']);
    await ctx.close();
  }, 60_000);
});

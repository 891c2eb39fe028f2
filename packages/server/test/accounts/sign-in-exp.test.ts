import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signInWithPassword } from '../../src/services/sign-in.ts';
import { DIALECTS } from '../support/databases.ts';
import { startTestServer, type TestServer } from '../support/server.ts';

const problemPaths = (body: { errors?: Array<{ path: string }> }) => (body.errors ?? []).map((e) => e.path);

for (const dialect of DIALECTS) {
  describe(`sign-in experience settings (${dialect})`, () => {
    let server: TestServer;
    beforeAll(async () => {
      server = await startTestServer(dialect, { env: { SIGN_IN_MAX_FAILURES: '5', SIGN_IN_LOCKOUT_SECONDS: '900' } });
    });
    afterAll(async () => {
      await server?.stop();
    });

    it('starts a new install with sign-in by username or email and password, and no self sign-up', async () => {
      const { status, body } = await server.api('GET', '/sign-in-exp');
      expect(status).toBe(200);
      expect(body).toMatchObject({
        id: 'default',
        signInMode: 'SignIn',
        signIn: {
          methods: [
            { identifier: 'username', password: true, verificationCode: false, isPasswordPrimary: true },
            { identifier: 'email', password: true, verificationCode: false, isPasswordPrimary: true },
          ],
        },
        passwordPolicy: { length: { min: 8, max: 256 }, characterTypes: { min: 1 }, rejects: { pwned: true, words: [] } },
        forgotPasswordMethods: [],
        languageInfo: { autoDetect: true, fallbackLanguage: 'en' },
        sentinelPolicy: {},
      });
    });

    it('replaces the fields a PATCH gives and keeps the others', async () => {
      const { status, body } = await server.api('PATCH', '/sign-in-exp', {
        color: { primaryColor: '#112233', isDarkModeEnabled: true, darkPrimaryColor: '#445566' },
        branding: { logoUrl: 'https://cdn.example.com/logo.svg' },
        termsOfUseUrl: 'https://example.com/terms',
        privacyPolicyUrl: '',
        passwordPolicy: { length: { min: 10 }, rejects: { words: ['gatehouse'] } },
      });
      expect(status).toBe(200);
      expect(body.color).toEqual({ primaryColor: '#112233', isDarkModeEnabled: true, darkPrimaryColor: '#445566' });
      expect(body.privacyPolicyUrl).toBeNull();
      expect(body.passwordPolicy).toEqual({
        length: { min: 10, max: 256 },
        characterTypes: { min: 1 },
        rejects: { pwned: true, repetitionAndSequence: true, userInfo: true, words: ['gatehouse'] },
      });
      expect(body.signInMode).toBe('SignIn');
      expect((await server.api('GET', '/sign-in-exp')).body).toEqual(body);
    });

    it.each([
      [
        'email sign-up with no email delivery',
        { signInMode: 'SignInAndRegister', signUp: { identifiers: ['email'], password: true, verify: true } },
        'signUp.verify',
        /SMTP_URL/,
      ],
      [
        'password reset by email code with no email delivery',
        { forgotPasswordMethods: ['EmailVerificationCode'] },
        'forgotPasswordMethods',
        /SMTP_URL/,
      ],
      [
        'email code sign-in with no email delivery',
        { signIn: { methods: [{ identifier: 'email', password: true, verificationCode: true, isPasswordPrimary: true }] } },
        'signIn.methods.0.verificationCode',
        /SMTP_URL/,
      ],
      ['no sign-in method', { signIn: { methods: [] } }, 'signIn.methods', /no one can sign in/],
      [
        'a method with neither password nor code',
        { signIn: { methods: [{ identifier: 'username', password: false, verificationCode: false, isPasswordPrimary: true }] } },
        'signIn.methods.0',
        /password or a verification code/,
      ],
      [
        'sign-up identifiers that cannot sign in',
        {
          signInMode: 'SignInAndRegister',
          signUp: { identifiers: ['username'], password: true, verify: false },
          signIn: { methods: [{ identifier: 'email', password: true, verificationCode: false, isPasswordPrimary: true }] },
        },
        'signUp.identifiers',
        /cannot sign in/,
      ],
      [
        'registration with no identifier',
        { signInMode: 'Register', signUp: { identifiers: [], password: true, verify: false } },
        'signUp.identifiers',
        /at least one/,
      ],
    ])('refuses %s with a 400 naming why, and changes nothing', async (_what, patch, path, reason) => {
      const before = (await server.api('GET', '/sign-in-exp')).body;
      const { status, body } = await server.api('PATCH', '/sign-in-exp', patch);
      expect(status).toBe(400);
      expect(body.code).toBe('validation.failed');
      expect(problemPaths(body)).toContain(path);
      expect(body.detail).toMatch(reason);
      expect((await server.api('GET', '/sign-in-exp')).body).toEqual(before);
    });

    it('refuses malformed settings with the path of each problem', async () => {
      const { status, body } = await server.api('PATCH', '/sign-in-exp', {
        color: { primaryColor: 'red', isDarkModeEnabled: false, darkPrimaryColor: '#000000' },
        passwordPolicy: { length: { min: 30, max: 20 } },
        sentinelPolicy: { maxAttempts: 0 },
      });
      expect(status).toBe(400);
      expect(problemPaths(body)).toEqual(
        expect.arrayContaining(['color.primaryColor', 'passwordPolicy.length', 'sentinelPolicy.maxAttempts']),
      );
    });

    it('answers 422 (not a retryable 503) to a code request when no email delivery is configured', async () => {
      const { status, body } = await server.api('POST', '/verification-codes', { email: 'someone@example.test' });
      expect(status).toBe(422);
      expect(body.detail).toMatch(/SMTP_URL/);
    });

    it("checks a password against the policy in Logto's shape", async () => {
      const weak = await server.api('POST', '/sign-in-exp/default/check-password', { password: 'baseball' });
      expect(weak.status).toBe(400);
      expect(weak.body).toEqual({
        result: false,
        issues: [{ code: 'password_rejected.too_short', interpolation: { min: 10 } }, { code: 'password_rejected.pwned' }],
      });
      const words = await server.api('POST', '/sign-in-exp/default/check-password', { password: 'Gatehouse12' });
      expect(words.body.issues).toEqual([{ code: 'password_rejected.restricted.words' }]);
      const strong = await server.api('POST', '/sign-in-exp/default/check-password', { password: 'violet-harbour-lamp' });
      expect(strong).toMatchObject({ status: 200, body: { result: true } });
    });

    it("refuses a password made of the user's own details when a userId is given", async () => {
      const created = await server.api('POST', '/users', {
        username: 'countess',
        name: 'Ada Lovelace',
        password: 'a-long-enough-password',
      });
      expect(created.status).toBe(201);
      const own = await server.api('POST', '/sign-in-exp/default/check-password', { password: 'adalovelace!', userId: created.body.id });
      expect(own.status).toBe(400);
      expect(own.body.issues).toEqual([{ code: 'password_rejected.restricted.user_info' }]);
      const missing = await server.api('POST', '/sign-in-exp/default/check-password', { password: 'adalovelace!', userId: 'nobody' });
      expect(missing.status).toBe(404);
    });

    it('locks sign-in after sentinelPolicy.maxAttempts failures, not the environment default', async () => {
      const created = await server.api('POST', '/users', { username: 'locksmith', password: 'a-long-enough-password' });
      expect(created.status).toBe(201);
      expect((await server.api('PATCH', '/sign-in-exp', { sentinelPolicy: { maxAttempts: 2, lockoutDuration: 1 } })).status).toBe(200);
      const attempt = () =>
        signInWithPassword(server.app.deps, { identifier: 'locksmith', password: 'wrong-password', ip: '203.0.113.9' }).then(
          () => 'signed in',
          (err: { code: string; retryAfterSeconds?: number }) => err,
        );
      expect(await attempt()).toMatchObject({ code: 'auth.unauthenticated' });
      expect(await attempt()).toMatchObject({ code: 'auth.unauthenticated' });
      // The third attempt is refused before its password is looked at; the lock lasts 1 minute.
      const locked = await attempt();
      expect(locked).toMatchObject({ code: 'auth.rate_limited' });
      expect((locked as { retryAfterSeconds: number }).retryAfterSeconds).toBeLessThanOrEqual(60);
      await server.api('PATCH', '/sign-in-exp', { sentinelPolicy: {} });
    });

    if (dialect === 'postgres') {
      it('is seen by a second server on the same database without a restart', async () => {
        // Same public ENDPOINT and bootstrap secret, as two replicas behind one load balancer.
        const second = await startTestServer(dialect, {
          databaseUrl: server.databaseUrl,
          env: { ENDPOINT: server.endpoint, BOOTSTRAP_ADMIN_CLIENT_SECRET: server.admin.clientSecret },
        });
        const token = await server.adminToken();
        try {
          // The second server reads (and caches) the settings first.
          expect((await second.api('GET', '/sign-in-exp', undefined, token)).body.customCss).toBeNull();
          expect((await server.api('PATCH', '/sign-in-exp', { customCss: '.brand { color: teal; }' })).status).toBe(200);
          let seen: unknown;
          for (let i = 0; i < 100 && seen !== '.brand { color: teal; }'; i += 1) {
            seen = (await second.api('GET', '/sign-in-exp', undefined, token)).body.customCss;
            if (seen !== '.brand { color: teal; }') await new Promise((resolve) => setTimeout(resolve, 50));
          }
          expect(seen).toBe('.brand { color: teal; }');
          // And the second server's lockout follows the first one's change too.
          await server.api('PATCH', '/sign-in-exp', { sentinelPolicy: { maxAttempts: 7 } });
          let limit = 0;
          for (let i = 0; i < 100 && limit !== 7; i += 1) {
            limit = (await second.app.deps.signInExperience.lockout()).maxFailures;
            if (limit !== 7) await new Promise((resolve) => setTimeout(resolve, 50));
          }
          expect(limit).toBe(7);
        } finally {
          await second.close();
        }
      });
    }
  });
}

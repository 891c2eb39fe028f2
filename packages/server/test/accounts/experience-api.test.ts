import * as oidc from 'openid-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signInWithCode } from '../support/browser.ts';
import { DIALECTS } from '../support/databases.ts';
import { openExperience, type ExperienceClient } from '../support/experience.ts';
import { startTestServer, type TestServer } from '../support/server.ts';
import { codeIn, startSmtp, type TestSmtp } from '../support/smtp.ts';

// Issue 11 item 4: Logto's Experience API over plain HTTP, with a real SMTP server on loopback.

const REDIRECT = 'http://localhost:5173/callback';
const GOOD_PASSWORD = 'Velvet-Orbit-Lantern-42';

/** A reply without what differs between any two requests (request id, verification id). */
const shapeOf = (r: { status: number; body: any }) => ({
  status: r.status,
  body:
    r.body && typeof r.body === 'object'
      ? Object.fromEntries(Object.entries(r.body).filter(([k]) => !['instance', 'verificationId'].includes(k)))
      : r.body,
  keys: r.body && typeof r.body === 'object' ? Object.keys(r.body).sort() : [],
});

for (const dialect of DIALECTS) {
  describe(`Experience API (${dialect})`, () => {
    let server: TestServer;
    let smtp: TestSmtp;
    let clientId: string;

    beforeAll(async () => {
      smtp = await startSmtp();
      server = await startTestServer(dialect, { env: { SMTP_URL: smtp.url, EMAIL_FROM: 'Gatehouse <no-reply@example.test>' } });
      const app = await server.api('POST', '/applications', { name: 'App', type: 'SPA', oidcClientMetadata: { redirectUris: [REDIRECT] } });
      clientId = app.body.id;
      const settings = await server.api('PATCH', '/sign-in-exp', {
        signInMode: 'SignInAndRegister',
        signUp: { identifiers: ['email'], password: true, verify: true },
        signIn: {
          methods: [
            { identifier: 'email', password: true, verificationCode: false, isPasswordPrimary: true },
            { identifier: 'username', password: true, verificationCode: false, isPasswordPrimary: true },
          ],
        },
        forgotPasswordMethods: ['EmailVerificationCode'],
      });
      expect(settings.status).toBe(200);
    });
    afterAll(async () => {
      await server?.stop();
      await smtp?.stop();
    });

    const open = (extra?: Record<string, string>) => openExperience({ endpoint: server.endpoint, clientId, redirectUri: REDIRECT, extra });
    const usersWithEmail = async (email: string) => (await server.api('GET', `/users?search=${encodeURIComponent(email)}`)).body as any[];

    /** Sends a code and returns its verification id and the code from the mail. */
    async function codeFor(exp: ExperienceClient, email: string, interactionEvent: string) {
      const before = smtp.received.length;
      const sent = await exp.call('POST', '/verification/verification-code', {
        identifier: { type: 'email', value: email },
        interactionEvent,
      });
      expect(sent.status).toBe(200);
      return { verificationId: sent.body.verificationId as string, code: codeIn(await smtp.mailTo(email, before)) };
    }

    async function register(email: string, password = GOOD_PASSWORD) {
      const exp = await open();
      expect((await exp.call('PUT', '', { interactionEvent: 'Register' })).status).toBe(204);
      const { verificationId, code } = await codeFor(exp, email, 'Register');
      const identifier = { type: 'email', value: email };
      expect((await exp.call('POST', '/verification/verification-code/verify', { identifier, verificationId, code })).status).toBe(200);
      expect((await exp.call('POST', '/identification', { verificationId })).status).toBe(422);
      expect((await exp.call('POST', '/profile', { type: 'password', value: password })).status).toBe(204);
      expect((await exp.call('POST', '/identification')).status).toBe(201);
      const submitted = await exp.call('POST', '/submit');
      expect(submitted.status).toBe(200);
      return { exp, tokens: await exp.finish(submitted.body.redirectTo) };
    }

    it('registers with email: the code arrives by SMTP, a weak password is refused with the reason, the app gets its tokens', async () => {
      const email = 'ada@example.test';
      const exp = await open();
      expect((await exp.call('PUT', '', { interactionEvent: 'Register' })).status).toBe(204);
      const { verificationId, code } = await codeFor(exp, email, 'Register');
      expect(code).toMatch(/^\d{6}$/);
      const identifier = { type: 'email', value: email };
      const verified = await exp.call('POST', '/verification/verification-code/verify', { identifier, verificationId, code });
      expect(verified.status).toBe(200);
      expect(verified.body).toEqual({ verificationId });

      // Logto's order: the verified email first; the password is still missing, and nothing is created.
      const missing = await exp.call('POST', '/identification', { verificationId });
      expect(missing.status).toBe(422);
      expect(missing.body).toMatchObject({ code: 'user.missing_profile', data: { missingProfile: ['password'] } });
      expect(await usersWithEmail(email)).toEqual([]);

      const weak = await exp.call('POST', '/profile', { type: 'password', value: 'password' });
      expect(weak.status).toBe(422);
      expect(weak.body.code).toBe('password.rejected');
      expect(weak.body.errors.map((e: any) => e.message)).toContain('password_rejected.pwned');
      const breached = await exp.call('POST', '/profile', { type: 'password', value: 'iloveyou2' });
      expect(breached.status).toBe(422);
      expect(breached.body.errors.map((e: any) => e.message)).toContain('password_rejected.pwned');

      expect((await exp.call('POST', '/profile', { type: 'password', value: GOOD_PASSWORD })).status).toBe(204);
      expect((await exp.call('POST', '/identification')).status).toBe(201);
      const [user] = await usersWithEmail(email);
      expect(user).toMatchObject({ primaryEmail: email, hasPassword: true, primaryEmailVerified: true });

      const submitted = await exp.call('POST', '/submit');
      expect(submitted.status).toBe(200);
      expect(submitted.body.redirectTo).toMatch(new RegExp(`^${server.issuer}/auth/`));
      const tokens = await exp.finish(submitted.body.redirectTo);
      expect(tokens.claims()?.sub).toBe(user.id);
      expect(tokens.refresh_token).toBeTruthy();
    });

    it('answers a code request the same for an address with an account and one without, and mails only the account', async () => {
      await server.api('POST', '/users', { primaryEmail: 'known@example.test', password: GOOD_PASSWORD });
      const replies = [];
      for (const email of ['known@example.test', 'nobody@example.test']) {
        const exp = await open();
        await exp.call('PUT', '', { interactionEvent: 'ForgotPassword' });
        const before = smtp.received.length;
        const sent = await exp.call('POST', '/verification/verification-code', {
          identifier: { type: 'email', value: email },
          interactionEvent: 'ForgotPassword',
        });
        const wrong = await exp.call('POST', '/verification/verification-code/verify', {
          identifier: { type: 'email', value: email },
          verificationId: sent.body.verificationId,
          code: '000000',
        });
        replies.push({ sent: shapeOf(sent), wrong: shapeOf(wrong), mails: smtp.received.length - before });
      }
      expect(replies[0].sent).toEqual(replies[1].sent);
      expect(replies[0].sent.status).toBe(200);
      expect(replies[0].wrong).toEqual(replies[1].wrong);
      expect(replies[0].wrong).toMatchObject({ status: 400, body: { code: 'verification_code.invalid' } });
      expect(replies.map((r) => r.mails)).toEqual([1, 0]);
    });

    it('resets a forgotten password: the old one is refused, the new one works, every other session of the user ended', async () => {
      const email = 'grace@example.test';
      const old = 'Quartz-Meadow-Signal-77';
      await register(email, old);
      // A session elsewhere: the hosted form, with a refresh token.
      const elsewhere = await signInWithCode({ issuer: server.issuer, clientId, redirectUri: REDIRECT, username: email, password: old });
      expect(elsewhere.tokens.refresh_token).toBeTruthy();

      const exp = await open();
      expect((await exp.call('PUT', '', { interactionEvent: 'ForgotPassword' })).status).toBe(204);
      const { verificationId, code } = await codeFor(exp, email, 'ForgotPassword');
      const identifier = { type: 'email', value: email };
      expect((await exp.call('POST', '/verification/verification-code/verify', { identifier, verificationId, code })).status).toBe(200);
      expect((await exp.call('POST', '/identification', { verificationId })).status).toBe(204);
      const weak = await exp.call('PUT', '/profile/password', { password: 'grace123' });
      expect(weak.status).toBe(422);
      expect(weak.body.code).toBe('password.rejected');
      const same = await exp.call('PUT', '/profile/password', { password: old });
      expect(same.status).toBe(422);
      expect(same.body.code).toBe('user.same_password');
      expect((await exp.call('PUT', '/profile/password', { password: GOOD_PASSWORD })).status).toBe(204);
      expect((await exp.call('POST', '/submit')).status).toBe(204);

      await expect(oidc.refreshTokenGrant(elsewhere.config, elsewhere.tokens.refresh_token!)).rejects.toMatchObject({
        error: 'invalid_grant',
      });
      const signIn = await open();
      await signIn.call('PUT', '', { interactionEvent: 'SignIn' });
      const refused = await signIn.call('POST', '/verification/password', { identifier: { type: 'email', value: email }, password: old });
      expect(refused.status).toBe(422);
      expect(refused.body.code).toBe('session.invalid_credentials');
      const accepted = await signIn.call('POST', '/verification/password', {
        identifier: { type: 'email', value: email },
        password: GOOD_PASSWORD,
      });
      expect(accepted.status).toBe(200);
      expect((await signIn.call('POST', '/identification', { verificationId: accepted.body.verificationId })).status).toBe(204);
      const submitted = await signIn.call('POST', '/submit');
      expect(submitted.status).toBe(200);
      expect((await signIn.finish(submitted.body.redirectTo)).access_token).toBeTruthy();
    });

    it('refuses a code entered wrong 10 times, a reused code and an expired code', async () => {
      const identifier = { type: 'email', value: 'codes@example.test' };
      const exp = await open();
      await exp.call('PUT', '', { interactionEvent: 'Register' });
      const first = await codeFor(exp, identifier.value, 'Register');
      for (let i = 0; i < 10; i += 1) {
        const wrong = await exp.call('POST', '/verification/verification-code/verify', {
          identifier,
          verificationId: first.verificationId,
          code: '999999' === first.code ? '999998' : '999999',
        });
        expect(wrong.body.code).toBe('verification_code.invalid');
      }
      const blocked = await exp.call('POST', '/verification/verification-code/verify', { identifier, ...first });
      expect(blocked.status).toBe(400);
      expect(blocked.body.detail).toMatch(/too many/i);

      const second = await codeFor(exp, identifier.value, 'Register');
      expect((await exp.call('POST', '/verification/verification-code/verify', { identifier, ...second })).status).toBe(200);
      const reused = await exp.call('POST', '/verification/verification-code/verify', { identifier, ...second });
      expect(reused.status).toBe(400);
      expect(reused.body.code).toBe('verification_code.invalid');

      const third = await codeFor(exp, identifier.value, 'Register');
      await server.db
        .updateTable('verificationCodes')
        .set({ expiresAt: Date.now() - 1 })
        .where('id', '=', third.verificationId)
        .execute();
      const expired = await exp.call('POST', '/verification/verification-code/verify', { identifier, ...third });
      expect(expired.status).toBe(400);
      expect(expired.body.detail).toMatch(/expired/i);
      // None of them verified anything: the account cannot be started with them.
      expect((await exp.call('POST', '/identification', { verificationId: third.verificationId })).body.code).toBe(
        'session.verification_failed',
      );
    });

    it('answers 503 with Retry-After for every address while the mail server is down, and leaves nothing behind', async () => {
      await smtp.stop();
      try {
        const replies = [];
        for (const [email, event] of [
          ['known@example.test', 'ForgotPassword'],
          ['nobody@example.test', 'ForgotPassword'],
          ['down@example.test', 'Register'],
        ] as const) {
          const exp = await open();
          await exp.call('PUT', '', { interactionEvent: event });
          const sent = await exp.call('POST', '/verification/verification-code', {
            identifier: { type: 'email', value: email },
            interactionEvent: event,
          });
          expect(sent.headers.get('retry-after')).toMatch(/^\d+$/);
          replies.push(shapeOf(sent));
          // No verification was recorded for the interaction.
          if (event === 'Register') expect((await exp.call('POST', '/identification')).body.data.missingProfile).toContain('email');
        }
        expect(replies[0]).toMatchObject({ status: 503, body: { code: 'mail.unavailable' } });
        expect(replies[1]).toEqual(replies[0]);
        expect(replies[2]).toEqual(replies[0]);
        expect(await usersWithEmail('down@example.test')).toEqual([]);
      } finally {
        await smtp.start();
      }
    });

    it('refuses registration when signInMode is SignIn', async () => {
      expect((await server.api('PATCH', '/sign-in-exp', { signInMode: 'SignIn' })).status).toBe(200);
      try {
        const exp = await open();
        const put = await exp.call('PUT', '', { interactionEvent: 'Register' });
        expect(put.status).toBe(403);
        expect((await exp.call('PUT', '', { interactionEvent: 'SignIn' })).status).toBe(204);
        expect((await exp.call('PUT', '/interaction-event', { interactionEvent: 'Register' })).status).toBe(403);
        const send = await exp.call('POST', '/verification/verification-code', {
          identifier: { type: 'email', value: 'late@example.test' },
          interactionEvent: 'Register',
        });
        expect(send.status).toBe(403);
      } finally {
        await server.api('PATCH', '/sign-in-exp', { signInMode: 'SignInAndRegister' });
      }
    });

    it('takes JSON from its own origin only, and needs the interaction cookie', async () => {
      const exp = await open();
      const form = await exp.call('PUT', '', 'interactionEvent=SignIn', { 'content-type': 'application/x-www-form-urlencoded' });
      expect(form.status).toBe(415);
      const text = await exp.call('PUT', '', '{"interactionEvent":"SignIn"}', { 'content-type': 'text/plain' });
      expect(text.status).toBe(415);
      const foreign = await exp.call('PUT', '', { interactionEvent: 'SignIn' }, { origin: 'https://evil.example' });
      expect(foreign.status).toBe(403);
      const noCookie = await fetch(`${server.endpoint}/api/experience`, {
        method: 'PUT',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ interactionEvent: 'SignIn' }),
      });
      expect(noCookie.status).toBe(400);
      expect(((await noCookie.json()) as any).code).toBe('session.not_found');
    });

    it("overrides the hosted pages' phrases per language with Logto's /api/custom-phrases", async () => {
      const put = await server.api('PUT', '/custom-phrases/de', { action: { sign_in: 'Einloggen' } });
      expect(put.status).toBe(200);
      expect(put.body).toMatchObject({ languageTag: 'de', translation: { action: { sign_in: 'Einloggen' } } });
      expect((await server.api('GET', '/custom-phrases')).body).toHaveLength(1);
      const de = (await open({ ui_locales: 'de' })).html;
      expect(de).toContain('<html lang="de"');
      expect(de).toContain('>Einloggen</button>');
      expect((await open({ ui_locales: 'en' })).html).toContain('>Sign in</button>');
      expect((await server.api('DELETE', '/custom-phrases/de')).status).toBe(204);
      expect((await open({ ui_locales: 'de' })).html).toContain('>Anmelden</button>');
      expect((await server.api('GET', '/custom-phrases/de')).status).toBe(404);
    });

    it('publishes its OpenAPI document beside the Management API', async () => {
      const doc = (await (await fetch(`${server.endpoint}/api/experience/openapi.json`)).json()) as any;
      expect(doc.info.title).toBe('Gatehouse Experience API');
      expect(Object.keys(doc.paths)).toEqual(
        expect.arrayContaining([
          '/api/experience',
          '/api/experience/verification/password',
          '/api/experience/verification/verification-code/verify',
          '/api/experience/identification',
          '/api/experience/profile/password',
          '/api/experience/submit',
        ]),
      );
      expect(doc.paths['/api/experience/submit'].post.operationId).toBe('SubmitInteraction');
    });
  });
}

import type { AddressInfo } from 'node:net';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createVerificationCodeService, type VerificationCodeService } from '../../src/services/verification-codes/index.ts';
import { DIALECTS } from '../support/databases.ts';
import { freePort, startTestServer, type TestServer } from '../support/server.ts';

/*
 * A real SMTP server on loopback (smtp-server), with STARTTLS on its built-in self-signed
 * certificate and AUTH allowed only after it; messages are read back with mailparser.
 */
interface Received {
  mail: ParsedMail;
  secure: boolean;
  user: unknown;
}

const SMTP_USER = 'mailer';
const SMTP_PASS = 'p@ss:w/rd';

async function startSmtp(port: number) {
  const received: Received[] = [];
  const state = { connections: 0 };
  const smtp = new SMTPServer({
    logger: false,
    authMethods: ['PLAIN', 'LOGIN'],
    onConnect(_session, callback) {
      state.connections += 1;
      callback();
    },
    onAuth(auth, _session, callback) {
      if (auth.username === SMTP_USER && auth.password === SMTP_PASS) callback(null, { user: SMTP_USER });
      else callback(new Error('Invalid username or password'));
    },
    onData(stream, session, callback) {
      simpleParser(stream).then(
        (mail) => {
          received.push({ mail, secure: session.secure, user: session.user });
          callback();
        },
        (err: Error) => callback(err),
      );
    },
  });
  await new Promise<void>((resolve) => smtp.listen(port, '127.0.0.1', () => resolve()));
  return {
    received,
    state,
    port: (smtp.server.address() as AddressInfo).port,
    close: () => new Promise<void>((resolve) => smtp.close(() => resolve())),
  };
}

const codeIn = (mail: ParsedMail) => /\b(\d{6})\b/.exec(mail.text ?? (typeof mail.html === 'string' ? mail.html : ''))?.[1];

for (const dialect of DIALECTS) {
  describe(`email delivery and verification codes (${dialect})`, () => {
    let server: TestServer;
    let smtp: Awaited<ReturnType<typeof startSmtp>>;
    const smtpPort = freePort();

    beforeAll(async () => {
      smtp = await startSmtp(await smtpPort);
      const url = `smtp://${SMTP_USER}:${encodeURIComponent(SMTP_PASS)}@127.0.0.1:${smtp.port}/?requireTLS=true&tls.rejectUnauthorized=false`;
      server = await startTestServer(dialect, { env: { SMTP_URL: url, EMAIL_FROM: 'Gatehouse <no-reply@example.test>' } });
    });
    afterAll(async () => {
      await server?.stop();
      await smtp?.close();
    });

    const lastMail = () => smtp.received.at(-1)!;

    it('sends a code over STARTTLS with authentication, in the built-in template of the language asked for', async () => {
      const before = smtp.received.length;
      const sent = await server.api('POST', '/verification-codes', { email: 'Ada@Example.test', locale: 'de-CH' });
      expect(sent.status).toBe(204);
      expect(smtp.received.length).toBe(before + 1);
      const { mail, secure, user } = lastMail();
      expect(secure).toBe(true);
      expect(user).toBe(SMTP_USER);
      expect(mail.from?.value[0]).toMatchObject({ name: 'Gatehouse', address: 'no-reply@example.test' });
      expect(mail.to && !Array.isArray(mail.to) ? mail.to.value[0]?.address : undefined).toBe('ada@example.test');
      const code = codeIn(mail);
      expect(code).toMatch(/^\d{6}$/);
      expect(mail.subject).toBe(`Ihr Bestätigungscode: ${code}`);

      expect((await server.api('POST', '/verification-codes/verify', { email: 'ada@example.test', verificationCode: code })).status).toBe(
        204,
      );
      const reused = await server.api('POST', '/verification-codes/verify', { email: 'ada@example.test', verificationCode: code });
      expect(reused.status).toBe(400);
      expect(reused.body.code).toBe('verification_code.invalid');
    });

    it('falls back to English for a language without templates', async () => {
      await server.api('POST', '/verification-codes', { email: 'fr@example.test', locale: 'fr-FR' });
      expect(lastMail().mail.subject).toMatch(/^Your verification code: \d{6}$/);
    });

    it("uses an admin's template in Logto's shape, edited through /api/email-templates", async () => {
      const put = await server.api('PUT', '/email-templates', {
        templates: [
          {
            languageTag: 'de',
            templateType: 'Generic',
            details: {
              subject: 'Dein Code {{code}}',
              content: '<p>Code: <b>{{code}}</b></p>',
              contentType: 'text/html',
              sendFrom: 'Beispiel',
            },
          },
        ],
      });
      expect(put.status).toBe(200);
      expect(put.body).toEqual([
        expect.objectContaining({ id: expect.any(String), languageTag: 'de', templateType: 'Generic', createdAt: expect.any(Number) }),
      ]);
      const id = put.body[0].id as string;
      expect((await server.api('GET', '/email-templates?languageTag=de')).body).toHaveLength(1);
      expect((await server.api('GET', '/email-templates?templateType=SignIn')).body).toEqual([]);
      const patched = await server.api('PATCH', `/email-templates/${id}/details`, { subject: 'Code: {{code}}' });
      expect(patched.body.details).toMatchObject({ subject: 'Code: {{code}}', contentType: 'text/html', sendFrom: 'Beispiel' });

      await server.api('POST', '/verification-codes', { email: 'de@example.test', locale: 'de-AT' });
      const { mail } = lastMail();
      const code = /Code: (\d{6})/.exec(mail.subject ?? '')?.[1];
      expect(code).toMatch(/^\d{6}$/);
      expect(mail.html).toContain(`<b>${code}</b>`);
      expect(mail.from?.value[0]).toMatchObject({ name: 'Beispiel', address: 'no-reply@example.test' });

      expect((await server.api('DELETE', `/email-templates/${id}`)).status).toBe(204);
      expect((await server.api('GET', `/email-templates/${id}`)).status).toBe(404);
      const bad = await server.api('PUT', '/email-templates', {
        templates: [{ languageTag: 'de', templateType: 'Welcome', details: { subject: 'x', content: 'y' } }],
      });
      expect(bad.status).toBe(400);
    });

    it('accepts email sign-up and password reset by code once email delivery is configured', async () => {
      const { status, body } = await server.api('PATCH', '/sign-in-exp', {
        signInMode: 'SignInAndRegister',
        signUp: { identifiers: ['email'], password: true, verify: true },
        forgotPasswordMethods: ['EmailVerificationCode'],
      });
      expect(status).toBe(200);
      expect(body.forgotPasswordMethods).toEqual(['EmailVerificationCode']);
    });

    describe('codes (service, injected clock)', () => {
      let clock = Date.UTC(2026, 11, 1);
      let codes: VerificationCodeService;
      beforeAll(() => {
        codes = createVerificationCodeService(server.app.deps, { now: () => clock, perAddress: 2, perClient: 3 });
      });
      const send = async (to: string, ip = '198.51.100.1') => {
        const { verificationId } = await codes.send({ to, usage: 'Register', ip });
        return { verificationId, code: codeIn(lastMail().mail)! };
      };
      const failure = (p: Promise<unknown>) =>
        p.then(
          () => 'accepted',
          (err: { reason?: string; code: string }) => err.reason ?? err.code,
        );

      it('refuses an expired code', async () => {
        const { verificationId, code } = await send('expired@example.test');
        clock += 10 * 60_000;
        expect(await failure(codes.verify({ verificationId, to: 'expired@example.test', code }))).toBe('expired');
      });

      it('accepts a code once, only for the address it was sent to', async () => {
        const { verificationId, code } = await send('once@example.test');
        expect(await failure(codes.verify({ verificationId, to: 'other@example.test', code }))).toBe('not_found');
        expect(await failure(codes.verify({ verificationId, to: ' ONCE@example.test ', code }))).toBe('accepted');
        expect(await failure(codes.verify({ verificationId, to: 'once@example.test', code }))).toBe('not_found');
      });

      it('spends a code after 10 wrong attempts, even for the right code after them', async () => {
        const { verificationId, code } = await send('guess@example.test');
        const wrong = code === '000000' ? '000001' : '000000';
        for (let i = 0; i < 10; i += 1)
          expect(await failure(codes.verify({ verificationId, to: 'guess@example.test', code: wrong }))).toBe('mismatch');
        expect(await failure(codes.verify({ verificationId, to: 'guess@example.test', code }))).toBe('exceed_max_try');
      });

      it('limits sends per address and per client address, with Retry-After, until the window passes', async () => {
        clock += 60 * 60_000;
        await send('limited@example.test', '198.51.100.2');
        await send('limited@example.test', '198.51.100.2');
        const refused = await codes
          .send({ to: 'Limited@example.test', usage: 'Register', ip: '198.51.100.3' })
          .catch((err: unknown) => err);
        expect(refused).toMatchObject({ code: 'auth.rate_limited' });
        expect((refused as { retryAfterSeconds: number }).retryAfterSeconds).toBeLessThanOrEqual(15 * 60);
        await send('third@example.test', '198.51.100.2');
        expect(await failure(codes.send({ to: 'fourth@example.test', usage: 'Register', ip: '198.51.100.2' }))).toBe('auth.rate_limited');
        clock += 15 * 60_000;
        await send('limited@example.test', '198.51.100.2');
      });

      it('does the same work for the dummy path, but delivers nothing', async () => {
        clock += 60 * 60_000;
        const mails = smtp.received.length;
        const connections = smtp.state.connections;
        const dummy = await codes.send({ to: 'nobody@example.test', usage: 'ForgotPassword', ip: '198.51.100.4', dummy: true });
        expect(dummy.verificationId).toMatch(/^[a-z0-9]{21}$/);
        expect(smtp.received.length).toBe(mails);
        expect(smtp.state.connections).toBe(connections + 1);
        expect(await failure(codes.verify({ verificationId: dummy.verificationId, to: 'nobody@example.test', code: '123456' }))).toBe(
          'mismatch',
        );
      });
    });

    it('answers 503 with Retry-After when the mail server is down, for every address, and counts nothing', async () => {
      await smtp.close();
      try {
        for (const email of ['ada@example.test', 'unknown@example.test']) {
          const res = await server.api('POST', '/verification-codes', { email });
          expect(res.status).toBe(503);
          expect(res.body.code).toBe('mail.unavailable');
          expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
        }
        const dummy = await server.app.deps.verificationCodes
          .send({ to: 'ghost@example.test', usage: 'ForgotPassword', ip: '198.51.100.5', dummy: true })
          .catch((err: { code: string }) => err.code);
        expect(dummy).toBe('mail.unavailable');
      } finally {
        smtp = await startSmtp(smtp.port);
      }
      // Failed sends were given back: this address can still be sent its 5 codes.
      for (let i = 0; i < 5; i += 1)
        expect((await server.api('POST', '/verification-codes', { email: 'unknown@example.test' })).status).toBe(204);
      const sixth = await server.api('POST', '/verification-codes', { email: 'unknown@example.test' });
      expect(sixth.status).toBe(429);
      expect(Number(sixth.headers.get('retry-after'))).toBeGreaterThan(0);
    });
  });
}

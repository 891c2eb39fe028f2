import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../support/databases.ts';
import { openExperience } from '../support/experience.ts';
import { startTestServer, type TestServer } from '../support/server.ts';
import { codeIn, startSmtp, type TestSmtp } from '../support/smtp.ts';

// Issue 11 item 6: the code of an admin's reset-password email resets the password through the Experience API.

const REDIRECT = 'http://localhost:5173/callback';
const OLD_PASSWORD = 'Copper-Harbor-Window-31';
const NEW_PASSWORD = 'Silent-Maple-Beacon-64';

for (const dialect of DIALECTS) {
  describe(`admin reset-password email (${dialect})`, () => {
    let server: TestServer;
    let smtp: TestSmtp;
    let clientId: string;
    let userId: string;
    const email = 'carol@example.test';

    beforeAll(async () => {
      smtp = await startSmtp();
      server = await startTestServer(dialect, { env: { SMTP_URL: smtp.url, EMAIL_FROM: 'Gatehouse <no-reply@example.test>' } });
      const app = await server.api('POST', '/applications', { name: 'App', type: 'SPA', oidcClientMetadata: { redirectUris: [REDIRECT] } });
      clientId = app.body.id;
      expect((await server.api('PATCH', '/sign-in-exp', { forgotPasswordMethods: ['EmailVerificationCode'] })).status).toBe(200);
      const user = await server.api('POST', '/users', { primaryEmail: email, password: OLD_PASSWORD });
      expect(user.status).toBe(201);
      userId = user.body.id;
    });
    afterAll(async () => {
      await server?.stop();
      await smtp?.stop();
    });

    const open = () => openExperience({ endpoint: server.endpoint, clientId, redirectUri: REDIRECT });
    const identifier = { type: 'email', value: email };

    async function passwordWorks(password: string): Promise<boolean> {
      const exp = await open();
      expect((await exp.call('PUT', '', { interactionEvent: 'SignIn' })).status).toBe(204);
      const r = await exp.call('POST', '/verification/password', { identifier, password });
      return r.status === 200;
    }

    it('lets the user reset the password with the emailed code, once', async () => {
      const before = smtp.received.length;
      expect((await server.api('POST', `/users/${userId}/password/reset-email`)).status).toBe(204);
      const code = codeIn(await smtp.mailTo(email, before));
      expect(code).toMatch(/^\d{6}$/);

      // Only a password reset accepts a code it did not request.
      const signIn = await open();
      expect((await signIn.call('PUT', '', { interactionEvent: 'SignIn' })).status).toBe(204);
      expect((await signIn.call('POST', '/verification/verification-code/verify', { identifier, code })).status).toBe(400);

      const exp = await open();
      expect((await exp.call('PUT', '', { interactionEvent: 'ForgotPassword' })).status).toBe(204);
      const wrong = await exp.call('POST', '/verification/verification-code/verify', {
        identifier,
        code: code === '000000' ? '111111' : '000000',
      });
      expect(wrong.status).toBe(400);
      expect(wrong.body.code).toBe('verification_code.invalid');
      const verified = await exp.call('POST', '/verification/verification-code/verify', { identifier, code });
      expect(verified.status).toBe(200);
      expect((await exp.call('POST', '/identification', { verificationId: verified.body.verificationId })).status).toBe(204);
      expect((await exp.call('PUT', '/profile/password', { password: NEW_PASSWORD })).status).toBe(204);
      expect((await exp.call('POST', '/submit')).status).toBe(204);

      expect(await passwordWorks(OLD_PASSWORD)).toBe(false);
      expect(await passwordWorks(NEW_PASSWORD)).toBe(true);

      // Single use: the same code does not open a second reset.
      const again = await open();
      expect((await again.call('PUT', '', { interactionEvent: 'ForgotPassword' })).status).toBe(204);
      expect((await again.call('POST', '/verification/verification-code/verify', { identifier, code })).status).toBe(400);
    });

    it('answers an address that was sent no code like a wrong code', async () => {
      const exp = await open();
      expect((await exp.call('PUT', '', { interactionEvent: 'ForgotPassword' })).status).toBe(204);
      const unknown = await exp.call('POST', '/verification/verification-code/verify', {
        identifier: { type: 'email', value: 'nobody@example.test' },
        code: '123456',
      });
      expect(unknown.status).toBe(400);
      expect(unknown.body.code).toBe('verification_code.invalid');
    });
  });
}

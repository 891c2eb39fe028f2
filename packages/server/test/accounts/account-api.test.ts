import type { AddressInfo } from 'node:net';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signInWithCode } from '../support/browser.ts';
import { DIALECTS } from '../support/databases.ts';
import { HASURA_API, SPA_REDIRECT, seedHasuraGuide, type HasuraFixture } from '../support/seed.ts';
import { startTestServer, type TestServer } from '../support/server.ts';

/*
 * Logto's Account API end to end: users sign in through the hosted page (openid-client, no
 * resource: an opaque access token), codes arrive at a real SMTP server on loopback.
 */
async function startSmtp() {
  const received: ParsedMail[] = [];
  const smtp = new SMTPServer({
    logger: false,
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    onData(stream, _session, callback) {
      simpleParser(stream).then(
        (mail) => {
          received.push(mail);
          callback();
        },
        (err: Error) => callback(err),
      );
    },
  });
  await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', () => resolve()));
  return {
    received,
    port: (smtp.server.address() as AddressInfo).port,
    close: () => new Promise<void>((resolve) => smtp.close(() => resolve())),
  };
}

const ACCOUNT_SCOPE = 'openid profile email offline_access urn:logto:scope:sessions';

for (const dialect of DIALECTS) {
  describe(`Account API (${dialect})`, () => {
    let server: TestServer;
    let smtp: Awaited<ReturnType<typeof startSmtp>>;
    let fx: HasuraFixture;
    let token: string;
    let other: { id: string; token: string };

    /** The next message to `to` that arrives after `since` messages. */
    async function mailTo(to: string, since: number): Promise<ParsedMail> {
      for (let i = 0; i < 100; i += 1) {
        const mail = smtp.received.slice(since).find((m) => m.to && JSON.stringify(m.to).includes(to));
        if (mail) return mail;
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      throw new Error(`no mail to ${to}`);
    }
    const codeIn = (mail: ParsedMail) => /\b(\d{6})\b/.exec(mail.text ?? (typeof mail.html === 'string' ? mail.html : ''))?.[1];

    const signIn = (username: string, password: string, extra: { resource?: string } = {}) =>
      signInWithCode({
        issuer: server.issuer,
        clientId: fx.spa.id,
        redirectUri: SPA_REDIRECT,
        username,
        password,
        scope: ACCOUNT_SCOPE,
        ...extra,
      });

    /** An Account API call with the user's token and, when given, a verification record id. */
    async function my(method: string, path: string, opts: { token?: string; verificationId?: string; body?: unknown } = {}) {
      const res = await fetch(`${server.endpoint}/api${path}`, {
        method,
        headers: {
          authorization: `Bearer ${opts.token ?? token}`,
          ...(opts.verificationId ? { 'logto-verification-id': opts.verificationId } : {}),
          ...(opts.body !== undefined ? { 'content-type': 'application/json' } : {}),
        },
        body: opts.body === undefined ? undefined : JSON.stringify(opts.body),
      });
      const text = await res.text();
      return { status: res.status, body: text ? JSON.parse(text) : undefined };
    }
    async function verifyPassword(password: string, as = token): Promise<string> {
      const r = await my('POST', '/verifications/password', { token: as, body: { password } });
      expect(r.status).toBe(201);
      return r.body.verificationRecordId as string;
    }

    beforeAll(async () => {
      smtp = await startSmtp();
      server = await startTestServer(dialect, {
        env: { SMTP_URL: `smtp://127.0.0.1:${smtp.port}`, EMAIL_FROM: 'Gatehouse <no-reply@example.test>' },
      });
      fx = await seedHasuraGuide(server);
      const created = await server.api('POST', '/users', {
        username: 'bob',
        primaryEmail: 'bob@example.com',
        password: 'another long passphrase',
      });
      token = (await signIn(fx.user.username, fx.user.password)).tokens.access_token;
      other = { id: created.body.id, token: (await signIn('bob', 'another long passphrase')).tokens.access_token };
    });
    afterAll(async () => {
      await server?.stop();
      await smtp?.close();
    });

    it('reads and updates the profile with the user’s own opaque access token', async () => {
      expect(token.split('.')).toHaveLength(1);
      const me = await my('GET', '/my-account');
      expect(me.status).toBe(200);
      expect(me.body).toMatchObject({
        id: fx.user.id,
        username: 'demo',
        name: 'Demo User',
        primaryEmail: 'demo@example.com',
        hasPassword: true,
      });
      expect(me.body).not.toHaveProperty('passwordHash');

      const patched = await my('PATCH', '/my-account', { body: { name: 'Dee Moe', avatar: 'https://example.com/a.png' } });
      expect(patched.status).toBe(200);
      expect(patched.body).toMatchObject({ name: 'Dee Moe', avatar: 'https://example.com/a.png' });
      const profile = await my('PATCH', '/my-account/profile', { body: { givenName: 'Dee', locale: 'de' } });
      expect(profile).toMatchObject({ status: 200, body: { givenName: 'Dee', locale: 'de' } });
      expect((await server.api('GET', `/users/${fx.user.id}`)).body.name).toBe('Dee Moe');
      // A username change is sensitive: refused without a verification record.
      expect((await my('PATCH', '/my-account', { body: { username: 'dee' } })).body.code).toBe('verification_record.permission_denied');
      expect((await my('PATCH', '/my-account', { body: { avatar: 'not a url' } })).status).toBe(400);
    });

    it('refuses a Management API token, an API resource JWT, no token and another user’s verification', async () => {
      expect((await my('GET', '/my-account', { token: await server.adminToken() })).status).toBe(401);
      const jwt = (await signIn(fx.user.username, fx.user.password, { resource: HASURA_API })).tokens.access_token;
      expect(jwt.split('.')).toHaveLength(3);
      expect((await my('GET', '/my-account', { token: jwt })).status).toBe(401);
      expect((await fetch(`${server.endpoint}/api/my-account`)).status).toBe(401);
      // The Management API does not take the user's token either.
      expect((await server.api('GET', '/users', undefined, token)).status).toBe(401);

      // Bob's token is Bob's account; the demo user's verification record proves nothing for him.
      expect((await my('GET', '/my-account', { token: other.token })).body.id).toBe(other.id);
      const demoRecord = await verifyPassword(fx.user.password);
      const r = await my('POST', '/my-account/password', {
        token: other.token,
        verificationId: demoRecord,
        body: { password: 'Quiet-Lantern-Orbit-58' },
      });
      expect(r).toMatchObject({ status: 401, body: { code: 'verification_record.permission_denied' } });
    });

    it('changes the primary email with a code sent to the new address', async () => {
      const before = smtp.received.length;
      const sent = await my('POST', '/verifications/verification-code', {
        body: { identifier: { type: 'email', value: 'Dee@Example.com' } },
      });
      expect(sent.status).toBe(201);
      const code = codeIn(await mailTo('dee@example.com', before));
      expect(code).toMatch(/^\d{6}$/);
      const recordId = sent.body.verificationRecordId as string;
      const identifier = { type: 'email', value: 'dee@example.com' };
      const wrong = code === '000000' ? '111111' : '000000';
      expect(
        (await my('POST', '/verifications/verification-code/verify', { body: { identifier, verificationId: recordId, code: wrong } }))
          .status,
      ).toBe(400);
      // Another user cannot verify (or use) this record.
      expect(
        (
          await my('POST', '/verifications/verification-code/verify', {
            token: other.token,
            body: { identifier, verificationId: recordId, code },
          })
        ).status,
      ).toBe(400);
      expect(
        (await my('POST', '/verifications/verification-code/verify', { body: { identifier, verificationId: recordId, code } })).status,
      ).toBe(200);

      const change = { email: 'dee@example.com', newIdentifierVerificationRecordId: recordId };
      expect((await my('POST', '/my-account/primary-email', { body: change })).status).toBe(401);
      const proof = await verifyPassword(fx.user.password);
      expect((await my('POST', '/my-account/primary-email', { verificationId: proof, body: change })).status).toBe(204);
      expect((await my('GET', '/my-account')).body.primaryEmail).toBe('dee@example.com');
      expect((await server.api('GET', `/users/${fx.user.id}`)).body).toMatchObject({
        primaryEmail: 'dee@example.com',
        primaryEmailVerified: true,
      });
      // The new-address record is used up.
      expect((await my('POST', '/my-account/primary-email', { verificationId: proof, body: change })).status).toBe(400);
    });

    it('lists the user’s sessions and ends one: its refresh token then fails', async () => {
      const second = await signIn(fx.user.username, fx.user.password);
      const proof = await verifyPassword(fx.user.password);
      expect((await my('GET', '/my-account/sessions')).status).toBe(401);
      const listed = await my('GET', '/my-account/sessions', { verificationId: proof });
      expect(listed.status).toBe(200);
      const sessions = listed.body.sessions as Array<{ payload: { uid: string }; isCurrent: boolean }>;
      expect(sessions.length).toBeGreaterThanOrEqual(2);
      expect(sessions.filter((s) => s.isCurrent)).toHaveLength(1);
      expect(JSON.stringify(listed.body)).not.toContain('"jti"');

      // The second sign-in's session: the one its token names.
      const mine = await my('GET', '/my-account/sessions', { token: second.tokens.access_token, verificationId: proof });
      const target = (mine.body.sessions as Array<{ payload: { uid: string }; isCurrent: boolean }>).find((s) => s.isCurrent)!;
      const admin = await server.api('GET', `/users/${fx.user.id}/sessions`);
      expect(admin.body.sessions.map((s: { payload: { uid: string } }) => s.payload.uid)).toContain(target.payload.uid);

      // Bob cannot end it; the owner can.
      const bobProof = await verifyPassword('another long passphrase', other.token);
      expect(
        (await my('DELETE', `/my-account/sessions/${target.payload.uid}`, { token: other.token, verificationId: bobProof })).status,
      ).toBe(404);
      const refreshOf = (refreshToken: string) =>
        fetch(`${server.issuer}/token`, {
          method: 'POST',
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
          body: new URLSearchParams({ grant_type: 'refresh_token', client_id: fx.spa.id, refresh_token: refreshToken }),
        });
      const ended = await my('DELETE', `/my-account/sessions/${target.payload.uid}?revokeGrantsTarget=all`, { verificationId: proof });
      expect(ended.status).toBe(204);
      expect((await refreshOf(second.tokens.refresh_token!)).status).toBe(400);
      const after = await server.api('GET', `/users/${fx.user.id}/sessions`);
      expect(after.body.sessions.map((s: { payload: { uid: string } }) => s.payload.uid)).not.toContain(target.payload.uid);
      const grants = await my('GET', '/my-account/grants', { verificationId: proof });
      expect(grants.status).toBe(200);
    });

    it('sends a reset-password email when an admin asks', async () => {
      const before = smtp.received.length;
      expect((await server.api('POST', `/users/${other.id}/password/reset-email`)).status).toBe(204);
      const mail = await mailTo('bob@example.com', before);
      expect(mail.subject).toMatch(/password/i);
      expect(codeIn(mail)).toMatch(/^\d{6}$/);
      expect((await server.api('POST', '/users/nobody/password/reset-email')).status).toBe(404);
    });

    it('changes the password only with a fresh verification, under the policy; the old one then fails', async () => {
      const next = 'Quiet-Lantern-Orbit-58';
      expect((await my('POST', '/my-account/password', { body: { password: next } })).body.code).toBe(
        'verification_record.permission_denied',
      );
      expect((await my('POST', '/verifications/password', { body: { password: 'not my password' } })).status).toBe(422);
      const proof = await verifyPassword(fx.user.password);
      const weak = await my('POST', '/my-account/password', { verificationId: proof, body: { password: 'password' } });
      expect(weak).toMatchObject({ status: 422, body: { code: 'password.rejected' } });
      expect((await my('POST', '/my-account/password', { verificationId: proof, body: { password: next } })).status).toBe(204);
      await expect(signIn(fx.user.username, fx.user.password)).rejects.toThrow(/did not reach the app/);
      expect((await signIn(fx.user.username, next)).tokens.access_token).toBeTruthy();
    });
  });
}

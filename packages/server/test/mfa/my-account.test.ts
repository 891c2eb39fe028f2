import { Secret, TOTP } from 'otpauth';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signInWithCode } from '../support/browser.ts';
import { DIALECTS } from '../support/databases.ts';
import { SPA_REDIRECT, seedHasuraGuide, type HasuraFixture } from '../support/seed.ts';
import { startTestServer, type TestServer } from '../support/server.ts';

// Issue 15 item 1: Logto's self-service second factors (/api/my-account/mfa-verifications) with
// the user's own token: listing needs no verification, every change a fresh logto-verification-id;
// a TOTP secret is bound only with a code from it, and that code is spent.
describe.each(DIALECTS)('Account API MFA verifications (%s)', (dialect) => {
  let server: TestServer;
  let fx: HasuraFixture;
  let token: string;

  beforeAll(async () => {
    server = await startTestServer(dialect);
    fx = await seedHasuraGuide(server);
    const signedIn = await signInWithCode({
      issuer: server.issuer,
      clientId: fx.spa.id,
      redirectUri: SPA_REDIRECT,
      username: fx.user.username,
      password: fx.user.password,
      scope: 'openid profile offline_access',
    });
    token = signedIn.tokens.access_token;
  });
  afterAll(() => server?.stop());

  async function my(method: string, path: string, opts: { verificationId?: string; body?: unknown } = {}) {
    const res = await fetch(`${server.endpoint}/api${path}`, {
      method,
      headers: {
        authorization: `Bearer ${token}`,
        ...(opts.verificationId ? { 'logto-verification-id': opts.verificationId } : {}),
        ...(opts.body !== undefined ? { 'content-type': 'application/json' } : {}),
      },
      body: opts.body === undefined ? undefined : JSON.stringify(opts.body),
    });
    const text = await res.text();
    return { status: res.status, body: (text ? JSON.parse(text) : undefined) as Record<string, unknown> & { code?: string } };
  }

  it('lists, adds TOTP (proven by a code) and backup codes, and removes them, each change behind a fresh verification', async () => {
    expect(await my('GET', '/my-account/mfa-verifications')).toEqual({ status: 200, body: [] });
    expect((await my('POST', '/my-account/mfa-verifications/totp-secret/generate')).status).toBe(401);

    const record = await my('POST', '/verifications/password', { body: { password: fx.user.password } });
    expect(record.status).toBe(201);
    const verificationId = record.body.verificationRecordId as string;

    const generated = await my('POST', '/my-account/mfa-verifications/totp-secret/generate', { verificationId });
    expect(generated.status).toBe(200);
    const secret = generated.body.secret as string;
    expect(generated.body.secretQrCode).toMatch(/^data:image\/svg\+xml;base64,/);
    // Nothing is stored until it is bound.
    expect((await my('GET', '/my-account/mfa-verifications')).body).toEqual([]);

    const code = new TOTP({ secret: Secret.fromBase32(secret) }).generate();
    const withoutVerification = await my('POST', '/my-account/mfa-verifications', { body: { type: 'Totp', secret, code } });
    expect(withoutVerification.status).toBe(401);
    const wrong = await my('POST', '/my-account/mfa-verifications', {
      verificationId,
      body: { type: 'Totp', secret, code: code === '000000' ? '111111' : '000000' },
    });
    expect(wrong.status).toBe(400);
    expect(wrong.body.code).toBe('session.mfa.invalid_totp_code');
    const bound = await my('POST', '/my-account/mfa-verifications', { verificationId, body: { type: 'Totp', secret, code } });
    expect(bound.status).toBe(200);

    const codes = await my('POST', '/my-account/mfa-verifications/backup-codes/generate', { verificationId });
    expect(codes.status).toBe(200);
    expect(codes.body.codes).toHaveLength(10);
    const backup = await my('POST', '/my-account/mfa-verifications', {
      verificationId,
      body: { type: 'BackupCode', codes: codes.body.codes },
    });
    expect(backup.status).toBe(200);

    const listed = await my('GET', '/my-account/mfa-verifications');
    const items = listed.body as unknown as Array<{ id: string; type: string; remainCodes?: number }>;
    expect(items.map((i) => i.type).sort()).toEqual(['BackupCode', 'Totp']);
    expect(JSON.stringify(items)).not.toContain(secret);
    expect(items.find((i) => i.type === 'BackupCode')?.remainCodes).toBe(10);
    // The admin sees the same factors.
    expect(((await server.api('GET', `/users/${fx.user.id}/mfa-verifications`)).body as unknown[]).length).toBe(2);

    const totpId = items.find((i) => i.type === 'Totp')?.id ?? '';
    expect((await my('DELETE', `/my-account/mfa-verifications/${totpId}`)).status).toBe(401);
    expect((await my('DELETE', `/my-account/mfa-verifications/${totpId}`, { verificationId })).status).toBe(204);
    expect((await my('DELETE', `/my-account/mfa-verifications/${totpId}`, { verificationId })).status).toBe(404);
    const after = (await my('GET', '/my-account/mfa-verifications')).body as unknown as Array<{ type: string }>;
    expect(after.map((i) => i.type)).toEqual(['BackupCode']);
  });

  it('is refused when the account center turns the mfa field off', async () => {
    expect((await server.api('PATCH', '/account-center', { fields: { mfa: 'Off' } })).status).toBe(200);
    try {
      const listed = await my('GET', '/my-account/mfa-verifications');
      expect(listed.status).toBe(400);
    } finally {
      await server.api('PATCH', '/account-center', { fields: { mfa: 'Edit' } });
    }
  });
});

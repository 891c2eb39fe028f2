import { Secret, TOTP, URI } from 'otpauth';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../support/databases.ts';
import { startTestServer, type TestServer } from '../support/server.ts';

// Issue 15 item 1: Logto's admin MFA routes. The secret and the codes are returned by the POST
// only; lists show no secret; removal is the recovery for a lost device.
interface MfaItem {
  id: string;
  type: string;
  createdAt: string;
  remainCodes?: number;
}

describe.each(DIALECTS)('admin MFA verifications (%s)', (dialect) => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startTestServer(dialect);
  });
  afterAll(() => server?.stop());

  const createUser = async (username: string) => {
    const res = await server.api('POST', '/users', { username, password: 'a long enough password 1' });
    expect(res.status).toBe(201);
    return (res.body as { id: string }).id;
  };

  it('creates a TOTP factor once, returns its secret and otpauth URI only then, and lists it without secrets', async () => {
    const id = await createUser('mfa-totp');
    expect((await server.api('GET', `/users/${id}/mfa-verifications`)).body).toEqual([]);

    const created = await server.api('POST', `/users/${id}/mfa-verifications`, { type: 'Totp' });
    expect(created.status).toBe(200);
    const body = created.body as { type: string; secret: string; secretQrCode: string; keyUri: string };
    expect(body.type).toBe('Totp');
    expect(body.secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(body.secretQrCode).toMatch(/^data:image\/svg\+xml;base64,/);
    expect(Buffer.from(body.secretQrCode.split(',')[1], 'base64').toString()).toContain('<svg');
    // The URI an authenticator app scans carries the same secret and produces the same codes.
    const fromUri = URI.parse(body.keyUri) as TOTP;
    expect(fromUri.label).toBe('mfa-totp');
    expect(fromUri.generate()).toBe(new TOTP({ secret: Secret.fromBase32(body.secret) }).generate());

    const list = await server.api('GET', `/users/${id}/mfa-verifications`);
    expect(list.status).toBe(200);
    const items = list.body as MfaItem[];
    expect(items).toHaveLength(1);
    expect(items[0]).toEqual({ id: expect.any(String) as string, type: 'Totp', createdAt: expect.any(String) as string });
    expect(JSON.stringify(list.body)).not.toContain(body.secret);

    const again = await server.api('POST', `/users/${id}/mfa-verifications`, { type: 'Totp' });
    expect(again.status).toBe(422);
    expect((again.body as { code: string }).code).toBe('user.totp_already_in_use');
  });

  it('accepts a given base32 secret and refuses a malformed one', async () => {
    const id = await createUser('mfa-given');
    const bad = await server.api('POST', `/users/${id}/mfa-verifications`, { type: 'Totp', secret: 'not-base32!' });
    expect(bad.status).toBe(422);
    expect((bad.body as { code: string }).code).toBe('user.totp_secret_invalid');
    const secret = 'JBSWY3DPEHPK3PXPJBSWY3DP';
    const ok = await server.api('POST', `/users/${id}/mfa-verifications`, { type: 'Totp', secret });
    expect(ok.status).toBe(200);
    expect((ok.body as { secret: string }).secret).toBe(secret);
  });

  it('creates 10 backup codes only beside another factor, once while any is unused', async () => {
    const id = await createUser('mfa-backup');
    const alone = await server.api('POST', `/users/${id}/mfa-verifications`, { type: 'BackupCode' });
    expect(alone.status).toBe(422);
    expect((alone.body as { code: string }).code).toBe('session.mfa.backup_code_can_not_be_alone');

    expect((await server.api('POST', `/users/${id}/mfa-verifications`, { type: 'Totp' })).status).toBe(200);
    const created = await server.api('POST', `/users/${id}/mfa-verifications`, { type: 'BackupCode' });
    expect(created.status).toBe(200);
    const { codes } = created.body as { codes: string[] };
    expect(codes).toHaveLength(10);
    for (const code of codes) expect(code).toMatch(/^[\da-f]{10}$/);
    expect(new Set(codes).size).toBe(10);

    const items = (await server.api('GET', `/users/${id}/mfa-verifications`)).body as MfaItem[];
    expect(items.find((i) => i.type === 'BackupCode')?.remainCodes).toBe(10);
    const list = JSON.stringify(items);
    for (const code of codes) expect(list).not.toContain(code);

    const again = await server.api('POST', `/users/${id}/mfa-verifications`, { type: 'BackupCode' });
    expect(again.status).toBe(422);
    expect((again.body as { code: string }).code).toBe('user.backup_code_already_in_use');
    const badFormat = await server.api('POST', `/users/${id}/mfa-verifications`, { type: 'BackupCode', codes: ['xyz'] });
    expect(badFormat.status).toBe(422);
  });

  it('removes a factor (the recovery for a lost device); another user cannot be named, unknown ids are 404', async () => {
    const id = await createUser('mfa-remove');
    const other = await createUser('mfa-other');
    await server.api('POST', `/users/${id}/mfa-verifications`, { type: 'Totp' });
    const [item] = (await server.api('GET', `/users/${id}/mfa-verifications`)).body as MfaItem[];

    expect((await server.api('DELETE', `/users/${other}/mfa-verifications/${item.id}`)).status).toBe(404);
    expect((await server.api('DELETE', `/users/${id}/mfa-verifications/${item.id}`)).status).toBe(204);
    expect((await server.api('GET', `/users/${id}/mfa-verifications`)).body).toEqual([]);
    expect((await server.api('DELETE', `/users/${id}/mfa-verifications/${item.id}`)).status).toBe(404);
    expect((await server.api('GET', '/users/nobody/mfa-verifications')).status).toBe(404);
    // Removed: a new authenticator can be enrolled.
    expect((await server.api('POST', `/users/${id}/mfa-verifications`, { type: 'Totp' })).status).toBe(200);
  });

  it('refuses a body of an unknown type with 400 and requires the admin token', async () => {
    const id = await createUser('mfa-bad');
    expect((await server.api('POST', `/users/${id}/mfa-verifications`, { type: 'Sms' })).status).toBe(400);
    expect((await server.api('GET', `/users/${id}/mfa-verifications`, undefined, '')).status).toBe(401);
  });

  it('stores mfa and passkeySignIn in the sign-in experience and refuses settings that lock people out', async () => {
    const patched = await server.api('PATCH', '/sign-in-exp', {
      mfa: { factors: ['Totp', 'WebAuthn', 'BackupCode'], policy: 'UserControlled' },
      passkeySignIn: { enabled: true },
    });
    expect(patched.status).toBe(200);
    const exp = patched.body as { mfa: unknown; passkeySignIn: unknown };
    expect(exp.mfa).toEqual({ factors: ['Totp', 'WebAuthn', 'BackupCode'], policy: 'UserControlled' });
    expect(exp.passkeySignIn).toEqual({ enabled: true, showPasskeyButton: false, allowAutofill: false });
    expect(((await server.api('GET', '/sign-in-exp')).body as { mfa: unknown }).mfa).toEqual(exp.mfa);

    const alone = await server.api('PATCH', '/sign-in-exp', { mfa: { factors: ['BackupCode'], policy: 'UserControlled' } });
    expect(alone.status).toBe(400);
    const noFactor = await server.api('PATCH', '/sign-in-exp', { mfa: { factors: [], policy: 'Mandatory' } });
    expect(noFactor.status).toBe(400);
    expect(JSON.stringify(noFactor.body)).toContain('mfa.policy');
    const unknown = await server.api('PATCH', '/sign-in-exp', { mfa: { factors: ['Sms'], policy: 'UserControlled' } });
    expect(unknown.status).toBe(400);
  });
});

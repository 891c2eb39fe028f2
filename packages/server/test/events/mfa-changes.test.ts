import { Secret, TOTP } from 'otpauth';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signInWithCode } from '../support/browser.ts';
import { DIALECTS } from '../support/databases.ts';
import { SPA_REDIRECT, seedHasuraGuide, type HasuraFixture } from '../support/seed.ts';
import { startTestServer, type TestServer } from '../support/server.ts';

// Issue 15: binding or removing a second factor, by an admin or by the user, is a
// User.Data.Updated event (audit log and webhooks) naming the field mfaVerifications, never a
// secret or a code.
describe.each(DIALECTS)('MFA changes are recorded as User.Data.Updated (%s)', (dialect) => {
  let server: TestServer;
  let fx: HasuraFixture;

  beforeAll(async () => {
    server = await startTestServer(dialect);
    fx = await seedHasuraGuide(server);
  });
  afterAll(() => server?.stop());

  const mfaEntries = async (since: number) => {
    const res = await server.api('GET', `/logs?userId=${fx.user.id}&logKey=User.Data.Updated&start_time=${since}&page_size=100`);
    expect(res.status).toBe(200);
    return (res.body as Array<{ payload: Record<string, any> }>).filter((l) => l.payload.changes?.mfaVerifications);
  };

  it('records the admin API and the Account API changes, without the secret or the codes', async () => {
    // Signed in first: with factors bound, the password alone no longer finishes a sign-in.
    const { tokens } = await signInWithCode({
      issuer: server.issuer,
      clientId: fx.spa.id,
      redirectUri: SPA_REDIRECT,
      username: fx.user.username,
      password: fx.user.password,
      scope: 'openid profile offline_access',
    });
    const since = Date.now();
    const created = await server.api('POST', `/users/${fx.user.id}/mfa-verifications`, { type: 'Totp' });
    expect(created.status).toBe(200);
    const { secret } = created.body as { secret: string };
    const codes = await server.api('POST', `/users/${fx.user.id}/mfa-verifications`, { type: 'BackupCode' });
    expect(codes.status).toBe(200);
    const [totp] = (await server.api('GET', `/users/${fx.user.id}/mfa-verifications`)).body as Array<{ id: string }>;
    expect((await server.api('DELETE', `/users/${fx.user.id}/mfa-verifications/${totp.id}`)).status).toBe(204);

    const adminEntries = await mfaEntries(since);
    expect(adminEntries.map((l) => l.payload.changes.mfaVerifications)).toEqual(
      expect.arrayContaining([
        { action: 'added', type: 'Totp', id: totp.id },
        expect.objectContaining({ action: 'added', type: 'BackupCode' }),
        { action: 'removed', type: 'Totp', id: totp.id },
      ]),
    );
    expect(adminEntries).toHaveLength(3);
    expect(adminEntries[0].payload).toMatchObject({ actor: { type: 'application', id: server.admin.clientId } });

    // Self-service: the user binds TOTP with their own token and removes it.
    const my = async (method: string, path: string, body?: unknown, verificationId?: string) => {
      const res = await fetch(`${server.endpoint}/api${path}`, {
        method,
        headers: {
          authorization: `Bearer ${tokens.access_token}`,
          ...(verificationId ? { 'logto-verification-id': verificationId } : {}),
          ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const text = await res.text();
      return { status: res.status, body: (text ? JSON.parse(text) : undefined) as Record<string, any> };
    };
    const record = await my('POST', '/verifications/password', { password: fx.user.password });
    expect(record.status).toBe(201);
    const verificationId = record.body.verificationRecordId as string;
    const mySecret = new Secret().base32;
    const code = new TOTP({ secret: Secret.fromBase32(mySecret) }).generate();
    const bound = await my('POST', '/my-account/mfa-verifications', { type: 'Totp', secret: mySecret, code }, verificationId);
    expect(bound.status, JSON.stringify(bound.body)).toBe(200);
    expect((await my('DELETE', `/my-account/mfa-verifications/${bound.body.id}`, undefined, verificationId)).status).toBe(204);

    const all = await mfaEntries(since);
    expect(all).toHaveLength(5);
    const mine = all.filter((l) => l.payload.changes.mfaVerifications.id === bound.body.id);
    expect(mine.map((l) => l.payload.changes.mfaVerifications.action).sort()).toEqual(['added', 'removed']);
    expect(mine[0].payload.actor).toMatchObject({ type: 'user', id: fx.user.id });

    const dump = JSON.stringify((await server.db.selectFrom('logs').selectAll().execute()).map((r) => r.payload));
    for (const leaked of [secret, mySecret, code, ...(codes.body as { codes: string[] }).codes]) expect(dump).not.toContain(leaked);
  });
});

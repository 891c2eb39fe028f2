import type { UserLockoutDto } from '@gatehouse/client/dto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSignInPage, submitSignIn } from '../support/browser.ts';
import { DIALECTS } from '../support/databases.ts';
import { seedHasuraGuide, SPA_REDIRECT, type HasuraFixture } from '../support/seed.ts';
import { startTestServer, type TestServer } from '../support/server.ts';

// Issue 14, item 4: the console shows a lock-out and ends it. GET /api/users/:id/lockout is
// the read the console needs; Logto's POST /api/sentinel-activities/delete and an admin
// password reset end the lock.
const MAX_FAILURES = 3;

describe.each(DIALECTS)('user lock-out read and unlock (%s)', (dialect) => {
  let server: TestServer;
  let fx: HasuraFixture;

  beforeAll(async () => {
    server = await startTestServer(dialect, { env: { SIGN_IN_MAX_FAILURES: String(MAX_FAILURES), SIGN_IN_LOCKOUT_SECONDS: '900' } });
    fx = await seedHasuraGuide(server);
  });
  afterAll(() => server?.stop());

  const signIn = async (identifier: string, password: string) => {
    const { jar, page } = await openSignInPage(server.issuer, fx.spa.id, SPA_REDIRECT);
    return submitSignIn(jar, page, identifier, password, SPA_REDIRECT);
  };
  const lockOut = async (username: string) => {
    for (let i = 0; i < MAX_FAILURES; i += 1) expect((await signIn(username, 'wrong password')).status).toBe(401);
  };
  const createUser = async (username: string) => {
    const res = await server.api('POST', '/users', { username, password: 'the right password' });
    expect(res.status).toBe(201);
    return (res.body as { id: string }).id;
  };
  const lockout = async (id: string) => (await server.api('GET', `/users/${id}/lockout`)).body as UserLockoutDto;

  it('reports no lock for a user who has not failed, nor below the limit', async () => {
    const id = await createUser('lock-fresh');
    expect(await lockout(id)).toEqual({ locked: false, lockedUntil: null });
    expect((await signIn('lock-fresh', 'wrong password')).status).toBe(401);
    expect(await lockout(id)).toEqual({ locked: false, lockedUntil: null });
  });

  it('reports the lock and its end after failed sign-ins; the sentinel delete ends it and the user signs in', async () => {
    const id = await createUser('lock-victim');
    const before = Date.now();
    await lockOut('lock-victim');
    const lock = await lockout(id);
    expect(lock.locked).toBe(true);
    expect(lock.lockedUntil).toBeGreaterThanOrEqual(before + 900_000);
    expect(lock.lockedUntil).toBeLessThanOrEqual(Date.now() + 900_000);
    expect((await signIn('lock-victim', 'the right password')).status).toBe(429);

    const unlock = await server.api('POST', '/sentinel-activities/delete', { targetType: 'User', targets: [id] });
    expect(unlock.status).toBe(204);
    expect(await lockout(id)).toEqual({ locked: false, lockedUntil: null });
    expect((await signIn('lock-victim', 'the right password')).url.startsWith(SPA_REDIRECT)).toBe(true);
  });

  it('ends the lock when an admin sets a new password', async () => {
    const id = await createUser('lock-reset');
    await lockOut('lock-reset');
    expect((await lockout(id)).locked).toBe(true);
    expect((await server.api('PATCH', `/users/${id}/password`, { password: 'a new password' })).status).toBe(200);
    expect((await lockout(id)).locked).toBe(false);
    expect((await signIn('lock-reset', 'a new password')).url.startsWith(SPA_REDIRECT)).toBe(true);
  });

  it('answers 404 for an unknown user and 401 without a token', async () => {
    const missing = await server.api('GET', '/users/no-such-user/lockout');
    expect(missing.status).toBe(404);
    expect((await fetch(`${server.managementApi}/users/${fx.user.id}/lockout`)).status).toBe(401);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formField, navigate, openSignInPage, type CookieJar, type Page } from '../support/browser.ts';
import { DIALECTS } from '../support/databases.ts';
import { seedHasuraGuide, SPA_REDIRECT, type HasuraFixture } from '../support/seed.ts';
import { startTestServer, type TestServer } from '../support/server.ts';

// Issue 16, item 5: brute force on the hosted sign-in page.
// The server trusts a proxy (TRUST_PROXY=true) and the test plays that proxy: every attempt
// carries X-Forwarded-For ending in the address "the proxy saw", and each test uses its own
// address so that the per-address limit (10 x 3 = 30) of one test does not leak into another.

const MAX_FAILURES = 3;
const LOCKOUT_SECONDS = 900;

interface Attempt {
  status: number;
  headers: Headers;
  html: string;
  signedIn: boolean;
}

/** Posts the sign-in form as a browser behind the proxy would; follows a success to the app. */
async function attempt(
  jar: CookieJar,
  page: Page,
  input: { identifier: string; password: string; address: string; spoofed?: string },
): Promise<Attempt> {
  const form = /<form method="post" action="([^"]+)"/.exec(page.html);
  if (!form) throw new Error(`no sign-in form on ${page.url}`);
  const action = new URL(form[1], page.url).href;
  const res = await fetch(action, {
    method: 'POST',
    redirect: 'manual',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      cookie: jar.header(),
      'x-forwarded-for': input.spoofed ? `${input.spoofed}, ${input.address}` : input.address,
    },
    body: new URLSearchParams({ csrf: formField(page.html, 'csrf') ?? '', identifier: input.identifier, password: input.password }),
  });
  jar.store(res.headers);
  const location = res.headers.get('location');
  if (res.status >= 300 && res.status < 400 && location) {
    const end = await navigate(jar, new URL(location, action).href, SPA_REDIRECT);
    return { status: res.status, headers: res.headers, html: '', signedIn: end.url.startsWith(SPA_REDIRECT) };
  }
  return { status: res.status, headers: res.headers, html: await res.text(), signedIn: false };
}

describe.each(DIALECTS)('brute force on the hosted sign-in (%s)', (dialect) => {
  let server: TestServer;
  let fx: HasuraFixture;

  beforeAll(async () => {
    server = await startTestServer(dialect, {
      env: { SIGN_IN_MAX_FAILURES: String(MAX_FAILURES), SIGN_IN_LOCKOUT_SECONDS: String(LOCKOUT_SECONDS), TRUST_PROXY: 'true' },
    });
    fx = await seedHasuraGuide(server);
  });
  afterAll(() => server?.stop());

  const signInPage = () => openSignInPage(server.issuer, fx.spa.id, SPA_REDIRECT);
  const createUser = async (body: Record<string, string>) => {
    const res = await server.api('POST', '/users', body);
    expect(res.status).toBe(201);
    return res.body as { id: string };
  };

  it('checks no more guesses of a concurrent burst than the limit allows: the right password at position 16 of 30 does not sign in', async () => {
    await createUser({ username: 'burst-victim', password: 'the right password' });
    const { jar, page } = await signInPage();
    // The account is one failure short of the limit when the burst starts, so the burst has
    // one password check left. The server may take the 30 requests in any order; the right
    // guess could only get that check by being taken before all 15 guesses sent ahead of it.
    for (let i = 1; i < MAX_FAILURES; i += 1) {
      expect((await attempt(jar, page, { identifier: 'burst-victim', password: 'wrong', address: '10.5.1.1' })).status).toBe(401);
    }
    const results = await Promise.all(
      Array.from({ length: 30 }, (_, i) =>
        attempt(jar, page, { identifier: 'burst-victim', password: i === 15 ? 'the right password' : `wrong ${i}`, address: '10.5.1.1' }),
      ),
    );
    expect(results.filter((r) => r.signedIn)).toHaveLength(0);
    // One guess reached the password check; the other 29 were refused unchecked.
    expect(results.filter((r) => r.status === 401)).toHaveLength(1);
    expect(results.filter((r) => r.status === 429)).toHaveLength(29);
    // The account ends locked, from a fresh address too.
    const again = await signInPage();
    const after = await attempt(again.jar, again.page, { identifier: 'burst-victim', password: 'the right password', address: '10.5.1.2' });
    expect(after.status).toBe(429);
    expect(after.signedIn).toBe(false);
  });

  it('counts the username, the email and their case variants on one counter for the account', async () => {
    await createUser({ username: 'shared-victim', primaryEmail: 'Shared.Victim@example.com', password: 'the right password' });
    const { jar, page } = await signInPage();
    for (const identifier of ['SHARED.VICTIM@EXAMPLE.COM', 'Shared-Victim', 'shared.victim@example.com']) {
      expect((await attempt(jar, page, { identifier, password: 'wrong', address: '10.5.2.1' })).status).toBe(401);
    }
    const locked = await attempt(jar, page, { identifier: 'shared-victim', password: 'the right password', address: '10.5.2.2' });
    expect(locked.status).toBe(429);
    expect(locked.signedIn).toBe(false);
  });

  it('answers an unknown identifier exactly as a known one, failing and locked, after the same count', async () => {
    // Same length, so the page (which shows the identifier back) has the same length too.
    const known = 'known-victim';
    const unknown = 'nobody-there';
    expect(unknown).toHaveLength(known.length);
    await createUser({ username: known, password: 'the right password' });
    const { jar, page } = await signInPage();
    const replies = async (identifier: string, address: string) => {
      const out: Attempt[] = [];
      for (let i = 0; i < MAX_FAILURES + 2; i += 1) out.push(await attempt(jar, page, { identifier, password: 'wrong', address }));
      return out;
    };
    const fromKnown = await replies(known, '10.5.3.1');
    const fromUnknown = await replies(unknown, '10.5.3.2');
    // Every header and the body, less what differs per response anyway (date, request id,
    // CSP nonce) and the identifier the page shows back. The CSRF token is the same: both
    // came from one sign-in page. Retry-After counts down, so only its presence is compared.
    const perResponse = ['date', 'x-request-id', 'retry-after'];
    const noNonce = (text: string) => text.replace(/nonce-[^']+/g, 'nonce-…').replace(/nonce="[^"]*"/g, 'nonce="…"');
    const shape = (r: Attempt, identifier: string) => ({
      status: r.status,
      headers: Object.fromEntries([...r.headers].filter(([h]) => !perResponse.includes(h)).map(([h, v]) => [h, noNonce(v)])),
      retryAfter: r.headers.has('retry-after'),
      body: noNonce(r.html).replaceAll(`value="${identifier}"`, 'value="…"'),
    });
    expect(fromKnown.map((r) => r.status)).toEqual([401, 401, 401, 429, 429]);
    expect(fromKnown.map((r) => r.headers.has('retry-after'))).toEqual([false, false, false, true, true]);
    expect(fromUnknown.map((r) => shape(r, unknown))).toEqual(fromKnown.map((r) => shape(r, known)));
  });

  it('tells a locked client when to come back: Retry-After and "in 15 minutes"', async () => {
    const { jar, page } = await signInPage();
    for (let i = 0; i < MAX_FAILURES; i += 1)
      await attempt(jar, page, { identifier: 'retry-later', password: 'wrong', address: '10.5.4.1' });
    const locked = await attempt(jar, page, { identifier: 'retry-later', password: 'wrong', address: '10.5.4.1' });
    expect(locked.status).toBe(429);
    const retryAfter = Number(locked.headers.get('retry-after'));
    expect(Number.isInteger(retryAfter)).toBe(true);
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(LOCKOUT_SECONDS);
    expect(locked.html).toContain('Try again in 15 minutes.');
  });

  it('keys the address limit on the entry the trusted proxy appended, not on the spoofable leftmost one', async () => {
    const { jar, page } = await signInPage();
    // 30 failures (the address limit), each on a new identifier and behind a new spoofed entry.
    const burst = await Promise.all(
      Array.from({ length: MAX_FAILURES * 10 }, (_, i) =>
        attempt(jar, page, { identifier: `sprayed-${i}`, password: 'wrong', address: '10.5.5.1', spoofed: `192.0.2.${i + 1}` }),
      ),
    );
    expect(burst.every((r) => r.status === 401)).toBe(true);
    const next = await attempt(jar, page, { identifier: 'sprayed-next', password: 'wrong', address: '10.5.5.1', spoofed: '198.51.100.7' });
    expect(next.status).toBe(429);
    // Another address behind the same proxy is unaffected.
    const other = await attempt(jar, page, { identifier: 'sprayed-other', password: 'wrong', address: '10.5.5.2', spoofed: '10.5.5.1' });
    expect(other.status).toBe(401);
  });

  it("unlocks with Logto's POST /api/sentinel-activities/delete, by any identifier of the user", async () => {
    await createUser({ username: 'unlock-me', primaryEmail: 'unlock.me@example.com', password: 'the right password' });
    const { jar, page } = await signInPage();
    for (let i = 0; i < MAX_FAILURES; i += 1) await attempt(jar, page, { identifier: 'unlock-me', password: 'wrong', address: '10.5.6.1' });
    expect((await attempt(jar, page, { identifier: 'unlock-me', password: 'the right password', address: '10.5.6.1' })).status).toBe(429);

    const body = { targetType: 'User', targets: ['Unlock.Me@Example.com'] };
    expect((await server.api('POST', '/sentinel-activities/delete', body, null)).status).toBe(401);
    expect((await server.api('POST', '/sentinel-activities/delete', { targetType: 'User', targets: 'unlock-me' })).status).toBe(400);
    const res = await server.api('POST', '/sentinel-activities/delete', body);
    expect(res.status).toBe(204);
    expect(res.body).toBeUndefined();

    const unlocked = await attempt(jar, page, { identifier: 'unlock-me', password: 'the right password', address: '10.5.6.1' });
    expect(unlocked.signedIn).toBe(true);

    // An identifier that names no account unlocks too (whatever case the admin types).
    const second = await signInPage();
    for (let i = 0; i <= MAX_FAILURES; i += 1)
      await attempt(second.jar, second.page, { identifier: 'ghost-user', password: 'wrong', address: '10.5.6.2' });
    expect((await attempt(second.jar, second.page, { identifier: 'ghost-user', password: 'wrong', address: '10.5.6.2' })).status).toBe(429);
    expect((await server.api('POST', '/sentinel-activities/delete', { targetType: 'User', targets: ['GHOST-USER'] })).status).toBe(204);
    expect((await attempt(second.jar, second.page, { identifier: 'ghost-user', password: 'wrong', address: '10.5.6.2' })).status).toBe(401);

    // In the OpenAPI document as in Logto's: same operationId, a body, 204.
    type Operation = { operationId: string; requestBody?: unknown; responses: Record<string, unknown> };
    const doc = (await (await fetch(`${server.endpoint}/api/openapi.json`)).json()) as { paths: Record<string, Record<string, Operation>> };
    const op = doc.paths['/api/sentinel-activities/delete']?.post;
    expect(op?.operationId).toBe('DeleteSentinelActivities');
    expect(op?.requestBody).toBeDefined();
    expect(Object.keys(op?.responses ?? {})).toContain('204');
  });

  it("ends the lock when an admin sets the user's password", async () => {
    const user = await createUser({ username: 'reset-me', password: 'the old password' });
    const { jar, page } = await signInPage();
    for (let i = 0; i <= MAX_FAILURES; i += 1) await attempt(jar, page, { identifier: 'reset-me', password: 'wrong', address: '10.5.7.1' });
    expect((await attempt(jar, page, { identifier: 'reset-me', password: 'the old password', address: '10.5.7.1' })).status).toBe(429);
    expect((await server.api('PATCH', `/users/${user.id}/password`, { password: 'a brand new password' })).status).toBe(200);
    const after = await attempt(jar, page, { identifier: 'reset-me', password: 'a brand new password', address: '10.5.7.1' });
    expect(after.signedIn).toBe(true);
  });
});

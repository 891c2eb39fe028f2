import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as oidc from 'openid-client';
import { CookieJar, discover, formField, navigate, submitSignIn } from '../support/browser.ts';
import { DIALECTS } from '../support/databases.ts';
import { startTestServer, type TestServer } from '../support/server.ts';

// Issue 14, item 5: no page leaves a person without a way on.
const links = (html: string) => [...html.matchAll(/<a href="([^"]+)"/g)].map((m) => m[1]);

describe.each(DIALECTS)('pages without a dead end (%s)', (dialect) => {
  let server: TestServer;

  beforeAll(async () => {
    // No bootstrap admin: the server prints a setup link.
    server = await startTestServer(dialect, { env: { BOOTSTRAP_ADMIN_CLIENT_ID: '', BOOTSTRAP_ADMIN_CLIENT_SECRET: '' } });
  });
  afterAll(() => server?.stop());

  it('answers / with a landing page linking the console, the API docs and discovery, under the page CSP', async () => {
    const res = await fetch(`${server.endpoint}/`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-security-policy')).toContain("default-src 'none'");
    expect(links(await res.text())).toEqual(['/console', '/api/docs', '/oidc/.well-known/openid-configuration']);
  });

  it('explains /sign-in without an interaction, and an expired one, with a link to the console', async () => {
    for (const path of ['/sign-in', '/sign-in/no-such-interaction']) {
      const res = await fetch(server.endpoint + path);
      const html = await res.text();
      expect(html, path).toMatch(/Sign in from your application|has expired/);
      expect(links(html), path).toContain('/console');
    }
  });

  it('ends a sign-out without a redirect URI on a page with a way back', async () => {
    // Without a session the server answers with the signed-out page at once (oidc/end-session.ts).
    const res = await fetch(`${server.issuer}/session/end`);
    const html = await res.text();
    expect(html).toMatch(/You are signed out/);
    expect(links(html)).toContain('/console');
  });

  it('sends the first admin from the setup link on to the console, their username filled in on the sign-in page', async () => {
    const link = `${server.endpoint}/sign-in/setup?token=${server.setupToken}`;
    const csrf = formField(await (await fetch(link)).text(), 'csrf')!;
    const done = await fetch(`${server.endpoint}/sign-in/setup`, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ token: server.setupToken!, csrf, username: 'first-admin', password: 'a strong password' }),
    });
    expect(done.status).toBe(303);
    expect(done.headers.get('location')).toBe('/console?login_hint=first-admin');
    // The console passes the hint on as login_hint; the hosted page fills the identifier in.
    const redirectUri = `${server.endpoint}/console/callback`;
    const config = await discover(server.issuer, 'gatehouse-console');
    const url = oidc.buildAuthorizationUrl(config, {
      redirect_uri: redirectUri,
      scope: 'openid',
      code_challenge: await oidc.calculatePKCECodeChallenge(oidc.randomPKCECodeVerifier()),
      code_challenge_method: 'S256',
      login_hint: 'first-admin',
    });
    const jar = new CookieJar();
    const signInPage = await navigate(jar, url.href, redirectUri);
    expect(signInPage.html).toContain('name="identifier" autocomplete="username" required autofocus value="first-admin"');
    const callback = await submitSignIn(jar, signInPage, 'first-admin', 'a strong password', redirectUri);
    expect(callback.url.startsWith(redirectUri)).toBe(true);
  });
});

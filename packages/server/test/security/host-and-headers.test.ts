import { createHash } from 'node:crypto';
import { request } from 'node:http';
import * as oidc from 'openid-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CookieJar, formField, navigate, openSignInPage, signInWithCode } from '../support/browser.ts';
import { DIALECTS } from '../support/databases.ts';
import { seedHasuraGuide, SPA_REDIRECT, type HasuraFixture } from '../support/seed.ts';
import { clientCredentialsToken, startTestServer, type TestServer } from '../support/server.ts';

const EVIL = 'evil.example';

interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/**
 * One HTTP/1.1 request with exactly the given request target and headers (fetch would not
 * send a forged Host or an absolute-form target).
 */
function raw(base: string, target: string, headers: Record<string, string> = {}, method = 'GET', body?: string): Promise<RawResponse> {
  const { hostname, port } = new URL(base);
  return new Promise((resolve, reject) => {
    const req = request({ host: hostname, port, method, path: target, headers, setHost: !('host' in headers) }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (text += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: text }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

/** Every absolute URL in a JSON document. */
function urlsIn(value: unknown): string[] {
  if (typeof value === 'string') return /^[a-z][a-z0-9+.-]*:\/\//i.test(value) ? [value] : [];
  if (Array.isArray(value)) return value.flatMap(urlsIn);
  if (value && typeof value === 'object') return Object.values(value).flatMap(urlsIn);
  return [];
}

/** A Location is acceptable when it is relative to the server or under ENDPOINT. */
function expectOwnLocation(location: string | undefined, endpoint: string) {
  expect(location).toBeTruthy();
  if (/^[a-z][a-z0-9+.-]*:/i.test(location!) || location!.startsWith('//')) expect(location!.startsWith(`${endpoint}/`)).toBe(true);
}

for (const dialect of DIALECTS) {
  for (const trustProxy of ['false', 'true']) {
    describe(`item 1: forged Host headers never change published URLs (${dialect}, TRUST_PROXY=${trustProxy})`, () => {
      let server: TestServer;
      let fx: HasuraFixture;
      const forgeries: Array<{ name: string; target: (path: string) => string; headers: Record<string, string> }> = [
        { name: 'Host', target: (p) => p, headers: { host: EVIL } },
        { name: 'X-Forwarded-Host', target: (p) => p, headers: { 'x-forwarded-host': EVIL, 'x-forwarded-proto': 'https' } },
        { name: 'absolute-form target', target: (p) => `http://${EVIL}${p}`, headers: {} },
      ];

      beforeAll(async () => {
        server = await startTestServer(dialect, { env: { TRUST_PROXY: trustProxy } });
        fx = await seedHasuraGuide(server);
      });
      afterAll(() => server?.stop());

      it('answers discovery with ENDPOINT-based URLs, to the forged request and to everyone after it', async () => {
        const path = '/oidc/.well-known/openid-configuration';
        for (const forgery of forgeries) {
          const forged = await raw(server.endpoint, forgery.target(path), forgery.headers);
          const plain = await raw(server.endpoint, path);
          for (const res of [forged, plain]) {
            expect(res.status).toBe(200);
            const doc = JSON.parse(res.body);
            expect(doc.issuer).toBe(server.issuer);
            expect(doc.token_endpoint).toBe(`${server.issuer}/token`);
            const urls = urlsIn(doc);
            expect(urls.length).toBeGreaterThan(5);
            for (const url of urls) expect(url.startsWith(`${server.endpoint}/`), `${forgery.name}: ${url}`).toBe(true);
          }
        }
        // What a real client sees.
        const config = await oidc.discovery(new URL(server.issuer), fx.spa.id, undefined, oidc.None(), {
          execute: [oidc.allowInsecureRequests],
        });
        expect(config.serverMetadata().jwks_uri).toBe(`${server.issuer}/jwks`);
      });

      it('redirects and posts only to ENDPOINT through the sign-in flow, and the logout page too', async () => {
        const verifier = oidc.randomPKCECodeVerifier();
        const auth = new URL(`${server.issuer}/auth`);
        auth.search = new URLSearchParams({
          client_id: fx.spa.id,
          redirect_uri: SPA_REDIRECT,
          response_type: 'code',
          scope: 'openid',
          code_challenge: await oidc.calculatePKCECodeChallenge(verifier),
          code_challenge_method: 'S256',
        }).toString();
        for (const forgery of forgeries) {
          const jar = new CookieJar();
          const store = (res: RawResponse) =>
            jar.store(
              new Headers(Object.entries(res.headers).flatMap(([k, v]) => (Array.isArray(v) ? v.map((x) => [k, x]) : v ? [[k, v]] : []))),
            );
          const started = await raw(server.endpoint, forgery.target(auth.pathname + auth.search), forgery.headers);
          expect(started.status).toBe(303);
          store(started);
          const signInPath = started.headers.location as string;
          expectOwnLocation(signInPath, server.endpoint);
          const signInTarget = new URL(signInPath, server.endpoint);
          const page = await raw(server.endpoint, forgery.target(signInTarget.pathname), { ...forgery.headers, cookie: jar.header() });
          expect(page.status).toBe(200);
          const action = /<form method="post" action="([^"]+)"/.exec(page.body)?.[1];
          expectOwnLocation(action, server.endpoint);
          const form = new URLSearchParams({
            csrf: formField(page.body, 'csrf') ?? '',
            identifier: fx.user.username,
            password: fx.user.password,
          });
          const submitted = await raw(
            server.endpoint,
            forgery.target(new URL(action!, server.endpoint).pathname),
            { ...forgery.headers, cookie: jar.header(), 'content-type': 'application/x-www-form-urlencoded' },
            'POST',
            form.toString(),
          );
          expect(submitted.status).toBe(303);
          expectOwnLocation(submitted.headers.location as string, server.endpoint);
          expect(submitted.headers.location).toMatch(new RegExp(`^${server.issuer}/auth/`));
          store(submitted);
          // Resume, the consent step, resume again, and back to the application.
          let location = submitted.headers.location as string;
          for (let hops = 0; hops < 5 && !location.startsWith(SPA_REDIRECT); hops += 1) {
            const next = await raw(server.endpoint, forgery.target(new URL(location, server.endpoint).pathname), {
              ...forgery.headers,
              cookie: jar.header(),
            });
            store(next);
            expect(next.status).toBe(303);
            location = next.headers.location as string;
            if (!location.startsWith(SPA_REDIRECT)) expectOwnLocation(location, server.endpoint);
          }
          expect(location).toMatch(/^http:\/\/localhost:5173\/callback\?code=/);
          expect(new URL(location).searchParams.get('iss')).toBe(server.issuer);
          // A signed-in browser asks to sign out: the confirm form posts to ENDPOINT.
          const logout = await raw(server.endpoint, forgery.target('/oidc/session/end'), { ...forgery.headers, cookie: jar.header() });
          expect(logout.status).toBe(200);
          expectOwnLocation(/<form id="op.logoutForm" method="post" action="([^"]+)"/.exec(logout.body)?.[1], server.endpoint);
        }
      });
    });
  }

  describe(`item 8: headers and cookies (${dialect})`, () => {
    const HTTPS_ENDPOINT = 'https://auth.example.test';
    let server: TestServer; // http ENDPOINT (the loopback address)
    let secure: TestServer; // ENDPOINT=https://auth.example.test, served on http loopback as behind a TLS proxy
    let fx: HasuraFixture;
    let secureSpa: string;

    beforeAll(async () => {
      server = await startTestServer(dialect);
      fx = await seedHasuraGuide(server);
      secure = await startTestServer(dialect, { env: { ENDPOINT: HTTPS_ENDPOINT } });
      const token = await clientCredentialsToken(secure.url, secure.admin.clientId, secure.admin.clientSecret, {
        resource: `${HTTPS_ENDPOINT}/api`,
        scope: 'all',
      });
      expect(token.status).toBe(200);
      const created = await fetch(`${secure.url}/api/applications`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token.body.access_token}`, 'content-type': 'application/json' },
        body: JSON.stringify({
          name: 'SPA',
          type: 'SPA',
          oidcClientMetadata: { redirectUris: ['https://app.example.test/callback'], postLogoutRedirectUris: [] },
        }),
      });
      expect(created.status).toBe(201);
      secureSpa = ((await created.json()) as { id: string }).id;
    });
    afterAll(async () => {
      await server?.stop();
      await secure?.stop();
    });

    it('sends HSTS when ENDPOINT is https, and not when it is http', async () => {
      for (const path of ['/health', '/oidc/.well-known/openid-configuration', '/sign-in/setup?token=nope']) {
        expect((await fetch(`${secure.url}${path}`)).headers.get('strict-transport-security')).toBe('max-age=31536000; includeSubDomains');
        expect((await fetch(`${server.url}${path}`)).headers.get('strict-transport-security')).toBeNull();
      }
    });

    it('sends a strict CSP on the sign-in, setup, error and signed-out pages that still allows their own style', async () => {
      const { jar, page } = await openSignInPage(server.issuer, fx.spa.id, SPA_REDIRECT);
      const signIn = await fetch(page.url, { headers: { cookie: jar.header() } });
      expect(signIn.status).toBe(200);
      const pages = [
        { name: 'sign-in', res: signIn, formTargets: ["'self'", 'http://localhost:5173'] },
        { name: 'setup', res: await fetch(`${server.url}/sign-in/setup?token=nope`), formTargets: ["'self'"] },
        { name: 'error', res: await fetch(`${server.issuer}/auth?client_id=nobody`), formTargets: ["'self'"] },
        { name: 'signed out', res: await fetch(`${server.issuer}/session/end/success`), formTargets: ["'self'"] },
      ];
      for (const { name, res, formTargets } of pages) {
        const html = await res.text();
        expect(res.headers.get('content-type'), name).toMatch(/^text\/html/);
        const csp = res.headers.get('content-security-policy');
        expect(csp, name).toBeTruthy();
        const directives = Object.fromEntries(
          csp!
            .split(';')
            .map((d) => d.trim().split(/\s+/))
            .map(([k, ...v]) => [k, v]),
        );
        expect(directives['default-src'], name).toEqual(["'none'"]);
        expect(directives['frame-ancestors'], name).toEqual(["'none'"]);
        expect(directives['base-uri'], name).toEqual(["'none'"]);
        expect(directives['form-action'], name).toEqual(formTargets);
        expect(res.headers.get('referrer-policy'), name).toBe('no-referrer');
        expect(res.headers.get('x-frame-options'), name).toBe('DENY');
        const style = /<style>([\s\S]*?)<\/style>/.exec(html)?.[1];
        expect(style, name).toBeTruthy();
        expect(directives['style-src'], name).toContain(`'sha256-${createHash('sha256').update(style!).digest('base64')}'`);
      }
    });

    it("keeps oidc-provider's form_post answer working under the CSP (its script hash, the app's origin)", async () => {
      const { jar } = await signInWithCode({
        issuer: server.issuer,
        clientId: fx.spa.id,
        redirectUri: SPA_REDIRECT,
        username: fx.user.username,
        password: fx.user.password,
        scope: 'openid',
      });
      const verifier = oidc.randomPKCECodeVerifier();
      const query = new URLSearchParams({
        client_id: fx.spa.id,
        redirect_uri: SPA_REDIRECT,
        response_type: 'code',
        response_mode: 'form_post',
        prompt: 'none',
        scope: 'openid',
        code_challenge: await oidc.calculatePKCECodeChallenge(verifier),
        code_challenge_method: 'S256',
      });
      const page = await navigate(jar, `${server.issuer}/auth?${query.toString()}`, SPA_REDIRECT);
      expect(page.html).toMatch(new RegExp(`<form method="post" action="${SPA_REDIRECT}">`));
      const res = await fetch(`${server.issuer}/auth?${query.toString()}`, { headers: { cookie: jar.header() }, redirect: 'manual' });
      const html = await res.text();
      const csp = res.headers.get('content-security-policy') ?? '';
      const script = /<script>([\s\S]*?)<\/script>/.exec(html)?.[1];
      expect(script).toBeTruthy();
      expect(csp).toContain(`'sha256-${createHash('sha256').update(script!).digest('base64')}'`);
      expect(csp).toMatch(/form-action 'self' http:\/\/localhost:5173(;|$)/);
    });

    it('marks every cookie Secure when ENDPOINT is https, although the request came over http', async () => {
      const verifier = oidc.randomPKCECodeVerifier();
      const query = new URLSearchParams({
        client_id: secureSpa,
        redirect_uri: 'https://app.example.test/callback',
        response_type: 'code',
        scope: 'openid',
        code_challenge: await oidc.calculatePKCECodeChallenge(verifier),
        code_challenge_method: 'S256',
      });
      const res = await fetch(`${secure.url}/oidc/auth?${query.toString()}`, { redirect: 'manual' });
      expect(res.status).toBe(303);
      expect(res.headers.get('location')).toMatch(/^\/sign-in\//);
      const cookies = res.headers.getSetCookie();
      expect(cookies.length).toBeGreaterThan(0);
      for (const cookie of cookies) expect(cookie).toMatch(/;\s*secure/i);
    });

    it('allows a CORS preflight to the token endpoints only from the origin of a registered redirect URI', async () => {
      const preflight = (path: string, origin: string) =>
        fetch(`${server.issuer}${path}`, {
          method: 'OPTIONS',
          headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' },
        });
      for (const path of ['/token', '/token/revocation', '/token/introspection']) {
        const known = await preflight(path, 'http://localhost:5173');
        expect(known.status, path).toBe(204);
        expect(known.headers.get('access-control-allow-origin'), path).toBe('http://localhost:5173');
        const unknown = await preflight(path, 'https://attacker.example');
        expect(unknown.status, path).toBe(403);
        expect(unknown.headers.get('access-control-allow-origin'), path).toBeNull();
      }
      // Discovery and the JWKS stay open to every origin.
      for (const path of ['/.well-known/openid-configuration', '/jwks']) {
        const open = await fetch(`${server.issuer}${path}`, {
          method: 'OPTIONS',
          headers: { origin: 'https://attacker.example', 'access-control-request-method': 'GET' },
        });
        expect(open.status, path).toBe(204);
        expect(open.headers.get('access-control-allow-origin'), path).toMatch(/^(\*|https:\/\/attacker\.example)$/);
      }
    });

    it('stores nothing for GET /oidc/session/end without a session, and still signs a real session out', async () => {
      const count = async () =>
        Number(
          (
            await server.db
              .selectFrom('oidcModelInstances')
              .select((eb) => eb.fn.countAll().as('n'))
              .executeTakeFirstOrThrow()
          ).n,
        );
      const before = await count();
      const bare = await fetch(`${server.issuer}/session/end`, { redirect: 'manual' });
      expect(bare.status).toBe(200);
      expect(bare.headers.getSetCookie()).toEqual([]);
      const back = await fetch(
        `${server.issuer}/session/end?${new URLSearchParams({ client_id: fx.spa.id, post_logout_redirect_uri: 'http://localhost:5173/', state: 's1' }).toString()}`,
        { redirect: 'manual' },
      );
      expect(back.status).toBe(303);
      expect(back.headers.get('location')).toBe('http://localhost:5173/?state=s1');
      expect(back.headers.getSetCookie()).toEqual([]);
      expect(await count()).toBe(before);
      // An unregistered return address is still refused.
      const refused = await fetch(
        `${server.issuer}/session/end?${new URLSearchParams({ client_id: fx.spa.id, post_logout_redirect_uri: 'https://attacker.example/' }).toString()}`,
        { redirect: 'manual' },
      );
      expect(refused.status).toBe(400);
      expect(await count()).toBe(before);

      // A real session: the confirm page, then the session is gone.
      const { jar } = await signInWithCode({
        issuer: server.issuer,
        clientId: fx.spa.id,
        redirectUri: SPA_REDIRECT,
        username: fx.user.username,
        password: fx.user.password,
      });
      const confirm = await navigate(jar, `${server.issuer}/session/end`, 'http://localhost:5173/');
      expect(confirm.status).toBe(200);
      const action = /<form id="op.logoutForm" method="post" action="([^"]+)"/.exec(confirm.html)?.[1];
      const xsrf = /name="xsrf" value="([^"]+)"/.exec(confirm.html)?.[1];
      expect(action).toBe(`${server.issuer}/session/end/confirm`);
      const done = await navigate(jar, action!, 'http://localhost:5173/', {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ xsrf: xsrf!, logout: 'yes' }).toString(),
      });
      expect(done.html).toMatch(/You are signed out/);
      const again = await navigate(jar, `${server.issuer}/session/end`, 'http://localhost:5173/');
      expect(again.html).not.toMatch(/op\.logoutForm/);
    });
  });
}

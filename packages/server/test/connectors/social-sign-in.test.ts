import * as oidc from 'openid-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CookieJar, discover, formField, type Page } from '../support/browser.ts';
import { DIALECTS } from '../support/databases.ts';
import { openExperience } from '../support/experience.ts';
import { startTestServer, type TestServer } from '../support/server.ts';
import { startOidcProvider, startStubProvider } from './upstream.ts';

const APP_REDIRECT = 'http://localhost:5173/callback';

/** A user agent with one cookie jar per origin (the servers all listen on 127.0.0.1, on different ports). */
class Browser {
  private jars = new Map<string, CookieJar>();
  private jar(url: string) {
    const origin = new URL(url).origin;
    let jar = this.jars.get(origin);
    if (!jar) this.jars.set(origin, (jar = new CookieJar()));
    return jar;
  }

  async go(url: string, stopAt: string, init?: RequestInit): Promise<Page> {
    let current = url;
    let request = init;
    for (let hops = 0; hops < 30; hops += 1) {
      if (current.startsWith(stopAt)) return { url: current, status: 302, html: '' };
      const jar = this.jar(current);
      const res = await fetch(current, {
        ...request,
        redirect: 'manual',
        headers: { ...(request?.headers as Record<string, string>), cookie: jar.header() },
      });
      jar.store(res.headers);
      const location = res.headers.get('location');
      if (res.status >= 300 && res.status < 400 && location) {
        current = new URL(location, current).href;
        request = undefined;
        continue;
      }
      return { url: current, status: res.status, html: await res.text() };
    }
    throw new Error('too many redirects');
  }

  /** Posts the page's sign-in form. */
  submit(page: Page, fields: Record<string, string>, stopAt: string): Promise<Page> {
    const action = /<form method="post" action="([^"]+)"/.exec(page.html)?.[1];
    if (!action) throw new Error(`no form on ${page.url}: ${page.html.slice(0, 300)}`);
    return this.go(new URL(action, page.url).href, stopAt, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ csrf: formField(page.html, 'csrf') ?? '', ...fields }).toString(),
    });
  }
}

async function ok<T = any>(p: Promise<{ status: number; body: T }>, expected = [200, 201, 204]): Promise<T> {
  const r = await p;
  if (!expected.includes(r.status)) throw new Error(`unexpected ${r.status}: ${JSON.stringify(r.body)}`);
  return r.body;
}

/** Opens the app's authorization request on `server` and returns the browser at its hosted sign-in page. */
async function startAppSignIn(server: TestServer, clientId: string, extra: Record<string, string> = {}) {
  const config = await discover(server.issuer, clientId);
  const verifier = oidc.randomPKCECodeVerifier();
  const state = oidc.randomState();
  const url = oidc.buildAuthorizationUrl(config, {
    redirect_uri: APP_REDIRECT,
    scope: 'openid profile email',
    code_challenge: await oidc.calculatePKCECodeChallenge(verifier),
    code_challenge_method: 'S256',
    state,
    ...extra,
  });
  const browser = new Browser();
  const page = await browser.go(url.href, APP_REDIRECT);
  const uid = /\/sign-in\/([^/?]+)/.exec(page.url)?.[1];
  return {
    browser,
    page,
    uid,
    /** Exchanges the code the app received: the signed-in local user's id. */
    async finish(landed: Page): Promise<string> {
      if (!landed.url.startsWith(APP_REDIRECT))
        throw new Error(`did not reach the app: ${landed.status} ${landed.url} ${landed.html.slice(0, 500)}`);
      const tokens = await oidc.authorizationCodeGrant(config, new URL(landed.url), { pkceCodeVerifier: verifier, expectedState: state });
      return String(tokens.claims()!.sub);
    },
  };
}

async function userCount(server: TestServer): Promise<number> {
  const r = await server.api('GET', '/users?page_size=100');
  return (r.body as unknown[]).length;
}

// The upstream Gatehouse runs once, on SQLite: it is only the other party here.
let upstream: TestServer;
beforeAll(async () => {
  upstream = await startTestServer('sqlite');
}, 60_000);
afterAll(async () => {
  await upstream?.stop();
});

for (const dialect of DIALECTS) {
  describe(`sign-in through other identity providers (${dialect})`, () => {
    let server: TestServer;
    let app: { id: string };
    beforeAll(async () => {
      server = await startTestServer(dialect);
      app = await ok(
        server.api('POST', '/applications', {
          name: 'App',
          type: 'SPA',
          oidcClientMetadata: { redirectUris: [APP_REDIRECT], postLogoutRedirectUris: [] },
        }),
      );
      await ok(server.api('PATCH', '/sign-in-exp', { signInMode: 'SignInAndRegister' }));
    }, 60_000);
    afterAll(async () => {
      await server?.stop();
    });

    it('signs a user of a second Gatehouse in as a new local user with a linked identity (OIDC discovery)', async () => {
      const connector = await ok(
        server.api('POST', '/connectors', {
          connectorId: 'oidc',
          config: { clientId: 'pending', clientSecret: 'pending-secret', issuer: upstream.issuer, scope: 'openid profile' },
          metadata: { target: 'gatehouse-b', name: 'Gatehouse B' },
        }),
      );
      expect(connector.redirectUri).toBe(`${server.endpoint}/callback/${connector.id}`);
      expect(connector.config.authorizationEndpoint).toBe(`${upstream.issuer}/auth`);
      const upstreamApp = await ok(
        upstream.api('POST', '/applications', {
          name: 'Downstream Gatehouse',
          type: 'Traditional',
          oidcClientMetadata: { redirectUris: [connector.redirectUri], postLogoutRedirectUris: [] },
        }),
      );
      const patched = await ok(
        server.api('PATCH', `/connectors/${connector.id}`, { config: { clientId: upstreamApp.id, clientSecret: upstreamApp.secret } }),
      );
      // The secret is never returned in full.
      expect(patched.config.clientSecret).not.toBe(upstreamApp.secret);
      expect(patched.config.clientSecret).toMatch(/^\*{8}/);
      const listed = await ok(server.api('GET', '/connectors'));
      expect(JSON.stringify(listed)).not.toContain(upstreamApp.secret);

      // The target must have a connector before it is listed, then the button shows.
      const refused = await server.api('PATCH', '/sign-in-exp', { socialSignInConnectorTargets: ['nope'] });
      expect(refused.status).toBe(400);
      const exp = await ok(server.api('PATCH', '/sign-in-exp', { socialSignInConnectorTargets: ['gatehouse-b'] }));
      expect(exp.socialSignInConnectorTargets).toEqual(['gatehouse-b']);

      await ok(upstream.api('POST', '/users', { username: `bob_${dialect}`, password: 'upstream password 1', name: 'Bob Upstream' }));
      const before = await userCount(server);
      const flow = await startAppSignIn(server, app.id);
      expect(flow.page.html).toContain(`/sign-in/${flow.uid}/social/${connector.id}`);
      const upstreamPage = await flow.browser.go(`${server.endpoint}/sign-in/${flow.uid}/social/${connector.id}`, APP_REDIRECT);
      expect(upstreamPage.url.startsWith(upstream.endpoint)).toBe(true);
      const landed = await flow.browser.submit(
        upstreamPage,
        { identifier: `bob_${dialect}`, password: 'upstream password 1' },
        APP_REDIRECT,
      );
      const sub = await flow.finish(landed);

      expect(await userCount(server)).toBe(before + 1);
      const user = await ok(server.api('GET', `/users/${sub}`));
      expect(user.name).toBe('Bob Upstream');
      expect(Object.keys(user.identities)).toEqual(['gatehouse-b']);
      expect(user.identities['gatehouse-b'].userId).toMatch(/\w+/);

      // The same upstream account signs in to the same local user; no second account.
      const again = await startAppSignIn(server, app.id, { direct_sign_in: 'social:gatehouse-b' });
      expect(again.page.url.startsWith(upstream.endpoint)).toBe(true);
      const landedAgain = await again.browser.submit(
        again.page,
        { identifier: `bob_${dialect}`, password: 'upstream password 1' },
        APP_REDIRECT,
      );
      expect(await again.finish(landedAgain)).toBe(sub);
      expect(await userCount(server)).toBe(before + 1);

      // Unlinking (Logto's path): the identity is gone; a second unlink is 404.
      await ok(server.api('DELETE', `/users/${sub}/identities/gatehouse-b`));
      expect((await ok(server.api('GET', `/users/${sub}`))).identities).toEqual({});
      expect((await server.api('DELETE', `/users/${sub}/identities/gatehouse-b`)).status).toBe(404);
      await ok(server.api('PATCH', '/sign-in-exp', { socialSignInConnectorTargets: [] }));
      expect((await server.api('PATCH', `/connectors/${connector.id}`, { metadata: { target: 'other' } })).status).toBe(400);
    });

    it('links a verified upstream email to the local account holding it when automatic linking is on', async () => {
      const idp = await startOidcProvider();
      try {
        const connector = await ok(
          server.api('POST', '/connectors', {
            connectorId: 'oidc',
            config: { clientId: 'gatehouse', clientSecret: 'upstream-client-secret', issuer: idp.issuer },
            metadata: { target: 'idp', name: 'IdP' },
          }),
        );
        idp.setClient({ client_id: 'gatehouse', client_secret: 'upstream-client-secret', redirect_uris: [connector.redirectUri] });
        const local = await ok(
          server.api('POST', '/users', { username: 'carol', primaryEmail: 'carol@example.com', password: 'local password 1' }),
        );
        idp.signInAs({ sub: 'carol-upstream', email: 'carol@example.com', email_verified: true, name: 'Carol' });

        // Linking off: the address is taken, refused with a page, nothing created.
        const before = await userCount(server);
        const off = await startAppSignIn(server, app.id);
        const refused = await off.browser.go(`${server.endpoint}/sign-in/${off.uid}/social/${connector.id}`, APP_REDIRECT);
        expect(refused.status).toBe(422);
        expect(refused.html).toContain('exists already');
        expect(await userCount(server)).toBe(before);

        await ok(server.api('PATCH', '/sign-in-exp', { socialSignIn: { automaticAccountLinking: true } }));
        const on = await startAppSignIn(server, app.id);
        const landed = await on.browser.go(`${server.endpoint}/sign-in/${on.uid}/social/${connector.id}`, APP_REDIRECT);
        expect(await on.finish(landed)).toBe(local.id);
        expect(await userCount(server)).toBe(before);
        const user = await ok(server.api('GET', `/users/${local.id}`));
        expect(user.identities.idp.userId).toBe('carol-upstream');

        // An unverified email links nothing: a new account without that address.
        idp.signInAs({ sub: 'mallory-upstream', email: 'carol@example.com', email_verified: false });
        const unverified = await startAppSignIn(server, app.id);
        const landed2 = await unverified.browser.go(`${server.endpoint}/sign-in/${unverified.uid}/social/${connector.id}`, APP_REDIRECT);
        const other = await unverified.finish(landed2);
        expect(other).not.toBe(local.id);
        expect((await ok(server.api('GET', `/users/${other}`))).primaryEmail).toBeNull();
        await ok(server.api('PATCH', '/sign-in-exp', { socialSignIn: { automaticAccountLinking: false } }));
      } finally {
        await idp.stop();
      }
    });

    it.each(['bad-iss', 'bad-aud', 'bad-nonce', 'bad-signature'] as const)(
      'refuses an upstream ID token with %s, creating no user',
      async (mode) => {
        const stub = await startStubProvider({
          clientId: `stub-${mode}`,
          account: { sub: `eve-${mode}`, email: `eve-${mode}@example.com`, email_verified: true },
        });
        try {
          const connector = await ok(
            server.api('POST', '/connectors', {
              connectorId: 'oidc',
              config: { clientId: `stub-${mode}`, clientSecret: 'stub-secret', issuer: stub.issuer },
              metadata: { target: `stub-${mode}` },
            }),
          );
          stub.setMode(mode);
          const before = await userCount(server);
          const flow = await startAppSignIn(server, app.id);
          const page = await flow.browser.go(`${server.endpoint}/sign-in/${flow.uid}/social/${connector.id}`, APP_REDIRECT);
          expect(stub.tokenRequests()).toBe(1);
          expect(page.status).toBe(401);
          expect(page.html).toContain('Sign-in did not work');
          expect(page.html).toContain(`Signing in with stub-${mode} failed`);
          expect(await userCount(server)).toBe(before);

          // The same stub, behaving, is accepted: the refusal was the token's fault.
          stub.setMode('good');
          const retry = await startAppSignIn(server, app.id);
          const landed = await retry.browser.go(`${server.endpoint}/sign-in/${retry.uid}/social/${connector.id}`, APP_REDIRECT);
          await retry.finish(landed);
          expect(await userCount(server)).toBe(before + 1);
        } finally {
          await stub.stop();
        }
      },
    );

    it("signs in through the Experience API's social verification (authorization-uri, verify, identification, submit)", async () => {
      const stub = await startStubProvider({
        clientId: 'experience-client',
        account: { sub: 'frank-upstream', email: 'frank@example.net', email_verified: true, name: 'Frank' },
      });
      try {
        const connector = await ok(
          server.api('POST', '/connectors', {
            connectorId: 'oidc',
            config: { clientId: 'experience-client', clientSecret: 'experience-secret', issuer: stub.issuer },
            metadata: { target: 'experience-idp' },
          }),
        );
        const ui = await openExperience({ endpoint: server.endpoint, clientId: app.id, redirectUri: APP_REDIRECT });
        await ok(ui.call('PUT', '', { interactionEvent: 'SignIn' }));
        const start = await ok(
          ui.call('POST', `/verification/social/${connector.id}/authorization-uri`, {
            state: 'custom-ui-state-1',
            redirectUri: 'http://localhost:5173/social-callback',
          }),
        );
        const upstreamAnswer = await fetch(start.authorizationUri, { redirect: 'manual' });
        const back = new URL(upstreamAnswer.headers.get('location')!);
        expect(back.searchParams.get('state')).toBe('custom-ui-state-1');
        const connectorData = Object.fromEntries(back.searchParams);

        // A forged answer (another state) is refused; the pending request is then spent.
        const forged = await ui.call('POST', `/verification/social/${connector.id}/verify`, {
          connectorData: { ...connectorData, state: 'forged' },
        });
        expect(forged.status).toBe(401);
        expect(forged.body.code).toBe('connector.authorization_failed');
        const replay = await ui.call('POST', `/verification/social/${connector.id}/verify`, { connectorData });
        expect(replay.status).toBe(401);

        const again = await ok(
          ui.call('POST', `/verification/social/${connector.id}/authorization-uri`, {
            state: 'custom-ui-state-2',
            redirectUri: 'http://localhost:5173/social-callback',
          }),
        );
        const answer = new URL((await fetch(again.authorizationUri, { redirect: 'manual' })).headers.get('location')!);
        const verified = await ok(
          ui.call('POST', `/verification/social/${connector.id}/verify`, { connectorData: Object.fromEntries(answer.searchParams) }),
        );
        const identified = await ui.call('POST', '/identification', { verificationId: verified.verificationId });
        expect(identified.status).toBe(201);
        const submitted = await ok(ui.call('POST', '/submit'));
        const tokens = await ui.finish(submitted.redirectTo);
        const user = await ok(server.api('GET', `/users/${String(tokens.claims()!.sub)}`));
        expect(user.primaryEmail).toBe('frank@example.net');
        expect(user.primaryEmailVerified).toBe(true);
        expect(user.identities['experience-idp'].userId).toBe('frank-upstream');
      } finally {
        await stub.stop();
      }
    });

    it('maps an OAuth 2.0 user-info document through a nested profileMap', async () => {
      const stub = await startStubProvider({
        clientId: 'oauth2-client',
        account: { sub: 'ignored' },
        userInfo: { data: { user: { id: 4242, mail: 'dave@example.org', display: 'Dave Nested', pic: 'https://example.org/d.png' } } },
      });
      try {
        const connector = await ok(
          server.api('POST', '/connectors', {
            connectorId: 'oauth2',
            config: {
              clientId: 'oauth2-client',
              clientSecret: 'oauth2-secret',
              authorizationEndpoint: `${stub.issuer}/auth`,
              tokenEndpoint: `${stub.issuer}/token`,
              userInfoEndpoint: `${stub.issuer}/userinfo`,
              scope: 'profile',
              profileMap: { id: 'data.user.id', email: 'data.user.mail', name: 'data.user.display', avatar: 'data.user.pic' },
            },
            metadata: { target: 'nested' },
          }),
        );
        const flow = await startAppSignIn(server, app.id);
        const landed = await flow.browser.go(`${server.endpoint}/sign-in/${flow.uid}/social/${connector.id}`, APP_REDIRECT);
        const sub = await flow.finish(landed);
        const user = await ok(server.api('GET', `/users/${sub}`));
        expect(user.name).toBe('Dave Nested');
        expect(user.avatar).toBe('https://example.org/d.png');
        // Not verified by the provider: not the account's address.
        expect(user.primaryEmail).toBeNull();
        expect(user.identities.nested.userId).toBe('4242');
        expect(user.identities.nested.details.email).toBe('dave@example.org');
      } finally {
        await stub.stop();
      }
    });

    it('sends an email in an SSO connector domain to its IdP, and adds the user to the JIT organization', async () => {
      const idp = await startOidcProvider();
      try {
        const sso = await ok(
          server.api('POST', '/sso-connectors', {
            providerName: 'OIDC',
            connectorName: 'Acme IdP',
            config: { clientId: 'acme', clientSecret: 'acme-client-secret', issuer: idp.issuer },
            domains: ['acme.test'],
          }),
        );
        expect(sso.config.clientSecret).not.toBe('acme-client-secret');
        const otherSso = await ok(
          server.api('POST', '/sso-connectors', {
            providerName: 'OIDC',
            connectorName: 'Other IdP',
            config: { clientId: 'other', clientSecret: 'other-client-secret', issuer: idp.issuer },
            domains: ['other.test'],
          }),
        );
        idp.setClient({ client_id: 'acme', client_secret: 'acme-client-secret', redirect_uris: [sso.redirectUri] });
        const org = await ok(server.api('POST', '/organizations', { name: 'Acme' }));
        await ok(server.api('POST', `/organizations/${org.id}/jit/sso-connectors`, { ssoConnectorIds: [sso.id] }));
        expect((await ok(server.api('GET', `/organizations/${org.id}/jit/sso-connectors`))).map((c: { id: string }) => c.id)).toEqual([
          sso.id,
        ]);
        idp.signInAs({ sub: 'bob-acme', email: 'bob@acme.test', email_verified: true, name: 'Bob Acme' });

        const flow = await startAppSignIn(server, app.id);
        const found = await fetch(`${server.endpoint}/api/experience/sso-connectors?email=bob@acme.test`);
        expect(await found.json()).toEqual({ connectorIds: [sso.id] });
        const choice = await flow.browser.submit(flow.page, { identifier: 'bob@acme.test', password: '' }, APP_REDIRECT);
        expect(choice.html).toContain(`/sign-in/${flow.uid}/social/${sso.id}`);
        expect(choice.html).not.toContain(otherSso.id);
        const landed = await flow.browser.go(`${server.endpoint}/sign-in/${flow.uid}/social/${sso.id}`, APP_REDIRECT);
        const sub = await flow.finish(landed);
        const user = await ok(server.api('GET', `/users/${sub}`));
        expect(user.primaryEmail).toBe('bob@acme.test');
        const members = await ok(server.api('GET', `/organizations/${org.id}/users`));
        expect(members.map((m: { id: string }) => m.id)).toEqual([sub]);
      } finally {
        await idp.stop();
      }
    });
  });
}

import { generateKeyPair, importJWK, SignJWT, decodeJwt, type JWTPayload } from 'jose';
import * as oidc from 'openid-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { navigate, type CookieJar } from '../support/browser.ts';
import { DIALECTS } from '../support/databases.ts';
import { HASURA_API, seedHasuraGuide, signInToHasura, SPA_REDIRECT, type HasuraFixture } from '../support/seed.ts';
import { startTestServer, type TestServer } from '../support/server.ts';

// Issue 16, items 9 (Logto parity found by Logto's own SDKs) and 10 (ecosystem rough edges).

const POST_LOGOUT = 'http://localhost:5173/';

type SigningKey = Parameters<SignJWT['sign']>[0];

interface Step {
  status: number;
  headers: Headers;
  html: string;
}

async function get(jar: CookieJar, url: string): Promise<Step> {
  const res = await fetch(url, { redirect: 'manual', headers: { cookie: jar.header(), accept: 'text/html' } });
  jar.store(res.headers);
  return { status: res.status, headers: res.headers, html: await res.text() };
}

/**
 * What a browser does with the sign-out page on load: runs an inline script only when the
 * page's CSP allows it (its nonce listed in script-src), and the script there clicks the
 * submit button, so the form is posted with the button's name/value, and the redirect after it
 * is followed only where the CSP's form-action allows. Returns undefined when nothing would
 * happen without the user.
 */
async function autoSubmit(jar: CookieJar, pageUrl: string, step: Step): Promise<Step | undefined> {
  const script = /<script nonce="([^"]*)">([^<]*)<\/script>/.exec(step.html);
  if (!script || !/getElementById\('logout'\)\.click\(\)/.test(script[2] ?? '')) return undefined;
  const csp = step.headers.get('content-security-policy');
  if (csp) {
    const scriptSrc = /script-src ([^;]*)/.exec(csp)?.[1] ?? /default-src ([^;]*)/.exec(csp)?.[1] ?? '';
    if (!scriptSrc.split(/\s+/).includes(`'nonce-${script[1]}'`)) return undefined;
  }
  const action = /<form id="op.logoutForm" method="post" action="([^"]+)"/.exec(step.html)?.[1];
  const xsrf = /name="xsrf" value="([^"]*)"/.exec(step.html)?.[1];
  const button = /<button type="submit" form="op.logoutForm" value="([^"]*)" name="([^"]*)"/.exec(step.html);
  if (!action || xsrf === undefined || !button) return undefined;
  const res = await fetch(new URL(action, pageUrl), {
    method: 'POST',
    redirect: 'manual',
    headers: { cookie: jar.header(), 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html' },
    body: new URLSearchParams({ xsrf, [button[2] ?? '']: button[1] ?? '' }),
  });
  jar.store(res.headers);
  // form-action also governs the redirect that follows the submission.
  const formAction = csp && /form-action ([^;]*)/.exec(csp)?.[1]?.split(/\s+/);
  const location = res.headers.get('location');
  if (formAction && location) {
    const target = new URL(location, pageUrl).origin;
    const allowed = formAction.includes(target) || (formAction.includes("'self'") && target === new URL(pageUrl).origin);
    if (!allowed) throw new Error(`the browser would block the redirect to ${target} (form-action ${formAction.join(' ')})`);
  }
  return { status: res.status, headers: res.headers, html: await res.text() };
}

describe.each(DIALECTS)('Logto parity and ecosystem edges (%s)', (dialect) => {
  let server: TestServer;
  let fx: HasuraFixture;

  beforeAll(async () => {
    server = await startTestServer(dialect);
    fx = await seedHasuraGuide(server);
  });
  afterAll(() => server?.stop());

  /** An authorization request with prompt=none: a code while signed in, login_required after. */
  async function silentAuth(jar: CookieJar): Promise<URL> {
    const url = new URL(`${server.issuer}/auth`);
    url.search = new URLSearchParams({
      client_id: fx.spa.id,
      redirect_uri: SPA_REDIRECT,
      response_type: 'code',
      scope: 'openid',
      prompt: 'none',
      state: oidc.randomState(),
      code_challenge: await oidc.calculatePKCECodeChallenge(oidc.randomPKCECodeVerifier()),
      code_challenge_method: 'S256',
    }).toString();
    const landed = await navigate(jar, url.href, SPA_REDIRECT);
    return new URL(landed.url);
  }

  describe('item 9: sign-out as Logto SDKs send it (client_id + post_logout_redirect_uri, no id_token_hint)', () => {
    it('returns to the registered URI without a click and ends the session; other requests keep the confirm page', async () => {
      const { jar } = await signInToHasura(server.issuer, fx);
      expect((await silentAuth(jar)).searchParams.get('code')).toBeTruthy();

      // No client named: the URI is dropped and the user must confirm.
      const anonymous = `${server.issuer}/session/end?post_logout_redirect_uri=${encodeURIComponent(POST_LOGOUT)}`;
      const confirm = await get(jar, anonymous);
      expect(confirm.status).toBe(200);
      expect(confirm.html).toContain('op.logoutForm');
      expect(await autoSubmit(jar, anonymous, confirm)).toBeUndefined();
      // A URI the client never registered is refused outright.
      const foreign = await get(
        jar,
        `${server.issuer}/session/end?client_id=${fx.spa.id}&post_logout_redirect_uri=${encodeURIComponent('https://evil.example/')}`,
      );
      expect(foreign.status).toBe(400);
      expect(foreign.headers.get('location')).toBeNull();
      expect(foreign.html).not.toContain('op.logoutForm');
      expect((await silentAuth(jar)).searchParams.get('code')).toBeTruthy();

      const url = `${server.issuer}/session/end?client_id=${fx.spa.id}&post_logout_redirect_uri=${encodeURIComponent(POST_LOGOUT)}`;
      const page = await get(jar, url);
      expect(page.status).toBe(200);
      const submitted = await autoSubmit(jar, url, page);
      expect(submitted, 'the sign-out page submits itself').toBeDefined();
      expect(submitted!.status).toBe(303);
      expect(submitted!.headers.get('location')).toBe(POST_LOGOUT);
      expect((await silentAuth(jar)).searchParams.get('error')).toBe('login_required');
    });
  });

  describe('item 9: OIDC error bodies carry Logto code and message', () => {
    it('answers an invalid_grant with error, error_description, code and message', async () => {
      const res = await fetch(`${server.issuer}/token`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({
          grant_type: 'authorization_code',
          client_id: fx.spa.id,
          code: 'not-a-code',
          redirect_uri: SPA_REDIRECT,
          code_verifier: oidc.randomPKCECodeVerifier(),
        }),
      });
      expect(res.status).toBe(400);
      expect(await res.json()).toEqual({
        error: 'invalid_grant',
        error_description: expect.any(String),
        code: 'oidc.invalid_grant',
        message: 'Grant request is invalid.',
      });
      // Other errors too: an unknown client at the token endpoint.
      const unknown = await fetch(`${server.issuer}/token`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ grant_type: 'refresh_token', client_id: 'nobody', refresh_token: 'x' }),
      });
      expect(await unknown.json()).toMatchObject({ error: 'invalid_client', code: 'oidc.invalid_client', message: expect.any(String) });
    });
  });

  describe('item 10: JWT access tokens are introspected', () => {
    let resourceServer: { id: string; secret: string };
    const introspect = async (token: string, auth: 'confidential' | 'public' = 'confidential') => {
      const res = await fetch(`${server.issuer}/token/introspection`, {
        method: 'POST',
        headers: {
          'content-type': 'application/x-www-form-urlencoded',
          ...(auth === 'confidential'
            ? { authorization: `Basic ${Buffer.from(`${resourceServer.id}:${resourceServer.secret}`).toString('base64')}` }
            : {}),
        },
        body: new URLSearchParams({ token, ...(auth === 'public' ? { client_id: fx.spa.id } : {}) }),
      });
      return { status: res.status, body: (await res.json()) as Record<string, unknown> };
    };
    /** Signs claims as this server would (its current private key) unless told otherwise. */
    const sign = async (claims: JWTPayload, key?: SigningKey) => {
      const signing = server.app.oidc.keySet().signing;
      return new SignJWT(claims)
        .setProtectedHeader({ alg: signing.alg!, kid: signing.kid!, typ: 'at+jwt' })
        .sign(key ?? (await importJWK(signing, signing.alg)));
    };

    beforeAll(async () => {
      const app = await server.api('POST', '/applications', {
        name: `resource-server-${dialect}`,
        type: 'Traditional',
        oidcClientMetadata: { redirectUris: ['https://api.example.com/cb'] },
      });
      const { id, secret } = app.body as { id: string; secret: string };
      resourceServer = { id, secret };
    });

    it('answers a confidential client with the claims (active false if expired, forged, foreign or its grant revoked) and refuses a public one', async () => {
      const { tokens, config } = await signInToHasura(server.issuer, fx);
      const claims = decodeJwt(tokens.access_token);
      const live = await introspect(tokens.access_token);
      expect(live.status).toBe(200);
      expect(live.body).toMatchObject({
        active: true,
        sub: fx.user.id,
        client_id: fx.spa.id,
        scope: 'read:user maintain:user',
        aud: HASURA_API,
        iss: server.issuer,
        token_type: 'Bearer',
        exp: claims.exp,
        iat: claims.iat,
        jti: claims.jti,
      });
      // The same claims re-signed by the test with the server's key are active too, so the
      // refusals below are for the one thing each changes.
      expect((await introspect(await sign(claims))).body.active).toBe(true);
      const now = Math.floor(Date.now() / 1000);
      expect((await introspect(await sign({ ...claims, iat: now - 7200, exp: now - 3600 }))).body).toEqual({ active: false });
      expect((await introspect(await sign({ ...claims, iss: 'https://other.example.com/oidc' }))).body).toEqual({ active: false });
      const { privateKey } = await generateKeyPair(server.app.oidc.keySet().signing.alg!);
      expect((await introspect(await sign(claims, privateKey))).body).toEqual({ active: false });
      // A public client (the SPA itself) is refused, as oidc-provider refuses it.
      const refused = await introspect(tokens.access_token, 'public');
      expect(refused.status).toBe(400);
      expect(refused.body.active).toBeUndefined();
      expect(refused.body.error).toBe('unsupported_token_type');

      // Revoking the refresh token revokes its grant (RFC 7009 2.1), and with it this token.
      await oidc.tokenRevocation(config, tokens.refresh_token!);
      expect((await introspect(tokens.access_token)).body).toEqual({ active: false });
    });

    it('answers active for a client_credentials token', async () => {
      const token = await server.adminToken();
      expect((await introspect(token)).body).toMatchObject({
        active: true,
        sub: server.admin.clientId,
        client_id: server.admin.clientId,
        token_type: 'Bearer',
      });
    });
  });
});

describe('item 10: the OpenAPI document names every operation', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer(DIALECTS[0] ?? 'sqlite');
  });
  afterAll(() => server?.stop());

  it('gives every operation a unique Logto-style operationId and declares a license', async () => {
    const doc = (await (await fetch(`${server.endpoint}/api/openapi.json`)).json()) as {
      info: { license?: { name?: string } };
      paths: Record<string, Record<string, { operationId?: string }>>;
    };
    expect(doc.info.license?.name).toBe('MIT');
    const ids = Object.values(doc.paths).flatMap((ops) => Object.values(ops).map((op) => op.operationId));
    expect(ids.length).toBeGreaterThan(40);
    for (const id of ids) expect(id).toMatch(/^[A-Z][A-Za-z]+$/);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toEqual(
      expect.arrayContaining([
        'ListUsers',
        'GetUser',
        'CreateUser',
        'UpdateUser',
        'DeleteUser',
        'ListUserRoles',
        'AssignUserRoles',
        'DeleteUserRole',
        'ListRoles',
        'CreateRoleScope',
        'ListApplicationRoles',
      ]),
    );
  });
});

import * as oidc from 'openid-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CookieJar, discover, navigate, submitSignIn } from '../support/browser.ts';
import { DIALECTS } from '../support/databases.ts';
import { HASURA_API, seedHasuraGuide, SPA_REDIRECT, type HasuraFixture } from '../support/seed.ts';
import { startTestServer, type TestServer } from '../support/server.ts';

interface TokenReply {
  status: number;
  body: { error?: string; error_description?: string; access_token?: string; refresh_token?: string };
}

const CONCURRENCY = 10;
const ROUNDS = 5;

describe.each(DIALECTS)('single use of codes and refresh tokens (%s)', (dialect) => {
  let server: TestServer;
  let fx: HasuraFixture;

  beforeAll(async () => {
    server = await startTestServer(dialect);
    fx = await seedHasuraGuide(server);
  });
  afterAll(() => server?.stop());

  const token = async (params: Record<string, string>): Promise<TokenReply> => {
    const res = await fetch(`${server.issuer}/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ client_id: fx.spa.id, ...params }),
    });
    return { status: res.status, body: (await res.json()) as TokenReply['body'] };
  };

  /** Signs in through the hosted page and stops at the callback: the code is not exchanged yet. */
  const authorize = async () => {
    const config = await discover(server.issuer, fx.spa.id);
    const verifier = oidc.randomPKCECodeVerifier();
    const url = oidc.buildAuthorizationUrl(config, {
      redirect_uri: SPA_REDIRECT,
      scope: 'openid offline_access read:user maintain:user',
      code_challenge: await oidc.calculatePKCECodeChallenge(verifier),
      code_challenge_method: 'S256',
      state: oidc.randomState(),
      prompt: 'consent',
      resource: HASURA_API,
    });
    const jar = new CookieJar();
    const page = await navigate(jar, url.href, SPA_REDIRECT);
    const callback = await submitSignIn(jar, page, fx.user.username, fx.user.password, SPA_REDIRECT);
    const code = new URL(callback.url).searchParams.get('code');
    if (!code) throw new Error(`no code in ${callback.url}`);
    return { code, verifier };
  };

  const exchange = (code: string, verifier: string) =>
    token({ grant_type: 'authorization_code', code, code_verifier: verifier, redirect_uri: SPA_REDIRECT, resource: HASURA_API });

  const refresh = (refreshToken: string) => token({ grant_type: 'refresh_token', refresh_token: refreshToken, resource: HASURA_API });

  const signIn = async () => {
    const { code, verifier } = await authorize();
    const reply = await exchange(code, verifier);
    if (reply.status !== 200 || !reply.body.refresh_token) throw new Error(`sign-in failed: ${JSON.stringify(reply.body)}`);
    return reply.body.refresh_token;
  };

  /**
   * Sends the same token request CONCURRENCY times at once. Keep-alive sockets are opened
   * first, so the requests reach the server together instead of one handshake apart.
   */
  const concurrently = async (send: () => Promise<TokenReply>) => {
    await Promise.all(Array.from({ length: CONCURRENCY }, () => fetch(`${server.issuer}/jwks`).then((r) => r.arrayBuffer())));
    return Promise.all(Array.from({ length: CONCURRENCY }, send));
  };

  const outcomes = (replies: TokenReply[]) => ({
    ok: replies.filter((r) => r.status === 200),
    errors: replies.filter((r) => r.status !== 200).map((r) => `${r.status} ${r.body.error}`),
  });

  describe('an authorization code exchanged concurrently', () => {
    it('gives exactly one token set, invalid_grant to the rest, and revokes the grant', async () => {
      // Several codes raced at once: the race window of one exchange is narrow, and a
      // single round could be won by luck rather than by atomic consumption.
      const codes = await Promise.all(Array.from({ length: ROUNDS }, () => authorize()));
      const rounds = await Promise.all(codes.map(({ code, verifier }) => concurrently(() => exchange(code, verifier))));
      for (const replies of rounds) {
        const { ok, errors } = outcomes(replies);
        expect(ok).toHaveLength(1);
        expect(errors).toEqual(Array(CONCURRENCY - 1).fill('400 invalid_grant'));
        // RFC 6749 4.1.2: a code used twice revokes the tokens issued from it.
        const after = await refresh(ok[0].body.refresh_token!);
        expect(after).toMatchObject({ status: 400, body: { error: 'invalid_grant' } });
      }
    });

    it('still works when exchanged once', async () => {
      const { code, verifier } = await authorize();
      const reply = await exchange(code, verifier);
      expect(reply.status).toBe(200);
      expect((await refresh(reply.body.refresh_token!)).status).toBe(200);
    });
  });

  describe('a refresh token used concurrently', () => {
    it('gives exactly one new token set and invalid_grant to the rest', async () => {
      const refreshToken = await signIn();
      const replies = await concurrently(() => refresh(refreshToken));
      const { ok, errors } = outcomes(replies);
      expect(ok).toHaveLength(1);
      expect(errors).toEqual(Array(CONCURRENCY - 1).fill('400 invalid_grant'));
      // Two presenters of one refresh token is what reuse detection exists for (RFC 9700
      // 4.14.2): the grant is revoked, the winner's new refresh token included.
      expect(await refresh(ok[0].body.refresh_token!)).toMatchObject({ status: 400, body: { error: 'invalid_grant' } });
    });

    it('rotates once per use when used one after another', async () => {
      const first = await signIn();
      const second = await refresh(first);
      expect(second.status).toBe(200);
      expect((await refresh(second.body.refresh_token!)).status).toBe(200);
    });
  });

  describe('a refused refresh', () => {
    afterAll(async () => {
      await server.api('DELETE', '/configs/jwt-customizer/access-token');
      await server.api('POST', `/users/${fx.user.id}/roles`, { roleIds: [fx.roles.reader, fx.roles.maintainer] });
    });

    it('keeps the refresh token and the grant when the Hasura preset refuses a user whose roles were removed', async () => {
      const preset = await server.api('PUT', '/configs/jwt-customizer/access-token/presets/hasura', { resource: HASURA_API });
      expect(preset.status).toBe(200);
      const refreshToken = await signIn();
      for (const role of [fx.roles.reader, fx.roles.maintainer]) {
        expect((await server.api('DELETE', `/users/${fx.user.id}/roles/${role}`)).status).toBe(204);
      }
      // No role for the resource: refused, and refused again (not treated as reuse).
      expect(await refresh(refreshToken)).toMatchObject({ status: 400, body: { error: 'access_denied' } });
      expect(await refresh(refreshToken)).toMatchObject({ status: 400, body: { error: 'access_denied' } });

      expect((await server.api('POST', `/users/${fx.user.id}/roles`, { roleIds: [fx.roles.reader] })).status).toBe(201);
      const restored = await refresh(refreshToken);
      expect(restored.status).toBe(200);
      expect(restored.body.refresh_token).not.toBe(refreshToken);
      // The successful refresh did consume it; its successor carries the grant on.
      expect((await refresh(restored.body.refresh_token!)).status).toBe(200);
    });

    it('keeps the refresh token and the grant when a script fails with onError deny', async () => {
      await server.api('POST', `/users/${fx.user.id}/roles`, { roleIds: [fx.roles.reader, fx.roles.maintainer] });
      const put = (script: string) =>
        server.api('PUT', '/configs/jwt-customizer/access-token', { script, onError: 'deny', environmentVariables: {} });
      expect((await put('const getCustomJwtClaims = async () => ({ ok: true });')).status).toBe(200);
      const refreshToken = await signIn();
      expect((await put('const getCustomJwtClaims = async () => { throw new Error("boom"); };')).status).toBe(200);
      expect(await refresh(refreshToken)).toMatchObject({ status: 400, body: { error: 'access_denied' } });
      expect(await refresh(refreshToken)).toMatchObject({ status: 400, body: { error: 'access_denied' } });

      expect((await put('const getCustomJwtClaims = async () => ({ fixed: true });')).status).toBe(200);
      const fixed = await refresh(refreshToken);
      expect(fixed.status).toBe(200);
      expect((await refresh(fixed.body.refresh_token!)).status).toBe(200);
    });
  });
});

import { decodeJwt } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signInWithCode } from '../support/browser.ts';
import { DIALECTS } from '../support/databases.ts';
import { HASURA_API, seedHasuraGuide, type HasuraFixture } from '../support/seed.ts';
import { startTestServer, type TestServer } from '../support/server.ts';

const GRANT = 'urn:ietf:params:oauth:grant-type:token-exchange';
const ACCESS_TOKEN = 'urn:ietf:params:oauth:token-type:access_token';
const CONSOLE = 'gatehouse-console';

for (const dialect of DIALECTS) {
  describe(`impersonation: subject tokens and token exchange (${dialect})`, () => {
    let server: TestServer;
    let fx: HasuraFixture;
    let backend: { id: string; secret: string };
    let adminUser: { id: string; token: string };

    /** POST /oidc/token for the token-exchange grant, as `client` (a secret makes it confidential). */
    const exchange = async (params: Record<string, string>, client: { id: string; secret?: string } = backend) => {
      const headers: Record<string, string> = { 'content-type': 'application/x-www-form-urlencoded' };
      if (client.secret) headers.authorization = `Basic ${Buffer.from(`${client.id}:${client.secret}`).toString('base64')}`;
      const body = new URLSearchParams({
        grant_type: GRANT,
        subject_token_type: ACCESS_TOKEN,
        resource: HASURA_API,
        ...(client.secret ? {} : { client_id: client.id }),
        ...params,
      });
      const res = await fetch(`${server.endpoint}/oidc/token`, { method: 'POST', headers, body });
      return { status: res.status, body: (await res.json()) as Record<string, string> };
    };
    const mint = async (token?: string, userId = fx.user.id) => {
      const res = await server.api('POST', '/subject-tokens', { userId }, token);
      expect(res.status).toBe(201);
      return res.body as { subjectToken: string; expiresIn: number };
    };

    beforeAll(async () => {
      server = await startTestServer(dialect);
      fx = await seedHasuraGuide(server);
      const app = await server.api('POST', '/applications', {
        name: 'Support backend',
        type: 'Traditional',
        oidcClientMetadata: { redirectUris: ['https://support.example.com/callback'], postLogoutRedirectUris: [] },
      });
      backend = { id: app.body.id, secret: app.body.secret };
      // An admin who signs in to the console (the built-in public client) holds a Management API token.
      const password = 'another correct horse battery';
      const admin = await server.api('POST', '/users', { username: 'ops-admin', password });
      await server.api('POST', `/users/${admin.body.id}/roles`, { roleIds: ['admin-user-role'] });
      const signedIn = await signInWithCode({
        issuer: server.issuer,
        clientId: CONSOLE,
        redirectUri: `${server.endpoint}/console/callback`,
        username: 'ops-admin',
        password,
        scope: 'openid all',
        resource: server.managementApi,
      });
      adminUser = { id: admin.body.id, token: signedIn.tokens.access_token };
    }, 60_000);
    afterAll(() => server?.stop());

    it('mints a single-use subject token that exchanges for a token of the user naming the admin in act', async () => {
      const { subjectToken, expiresIn } = await mint();
      expect(subjectToken).toMatch(/^sub_/);
      expect(expiresIn).toBe(600);

      const first = await exchange({ subject_token: subjectToken });
      expect(first.status).toBe(200);
      expect(first.body.issued_token_type).toBe(ACCESS_TOKEN);
      expect(first.body.token_type).toBe('Bearer');
      const claims = decodeJwt(first.body.access_token);
      expect(claims.sub).toBe(fx.user.id);
      expect(claims.aud).toBe(HASURA_API);
      expect(claims.client_id).toBe(backend.id);
      expect(claims.act).toEqual({ sub: server.admin.clientId });
      expect(new Set(String(claims.scope).split(' '))).toEqual(new Set(['read:user', 'maintain:user']));

      const again = await exchange({ subject_token: subjectToken });
      expect(again.status).toBe(400);
      expect(again.body.error).toBe('invalid_grant');
    });

    it('stores only a digest of the subject token', async () => {
      const { subjectToken } = await mint();
      const rows = await server.db.selectFrom('subjectTokens').selectAll().execute();
      expect(rows.length).toBeGreaterThan(0);
      for (const row of rows) expect(JSON.stringify(row)).not.toContain(subjectToken.slice(4));
    });

    it('narrows the scope to the one asked for', async () => {
      const { subjectToken } = await mint();
      const res = await exchange({ subject_token: subjectToken, scope: 'read:user' });
      expect(res.status).toBe(200);
      expect(decodeJwt(res.body.access_token).scope).toBe('read:user');
    });

    it('refuses an expired subject token', async () => {
      const { subjectToken } = await mint();
      await server.db
        .updateTable('subjectTokens')
        .set({ expiresAt: Date.now() - 1 })
        .where('consumedAt', 'is', null)
        .execute();
      const res = await exchange({ subject_token: subjectToken });
      expect(res.status).toBe(400);
      expect(res.body.error).toBe('invalid_grant');
      expect(res.body.error_description ?? '').not.toContain(subjectToken);
    });

    it('refuses an unknown token, a missing or Management API resource, and a public client other than the console', async () => {
      expect((await exchange({ subject_token: 'sub_nothing-like-this' })).body.error).toBe('invalid_grant');
      const { subjectToken } = await mint();
      expect((await exchange({ subject_token: subjectToken, resource: server.managementApi })).body.error).toBe('invalid_target');
      const spa = await exchange({ subject_token: subjectToken }, { id: fx.spa.id });
      expect(spa.status).toBe(400);
      expect(spa.body.error).toBe('unauthorized_client');
      // None of those refusals spent it.
      expect((await exchange({ subject_token: subjectToken })).status).toBe(200);
    });

    it('lets the console exchange only with the minting admin as actor_token', async () => {
      const { subjectToken } = await mint(adminUser.token);
      const console = { id: CONSOLE };
      expect((await exchange({ subject_token: subjectToken }, console)).body.error).toBe('invalid_request');
      const otherAdmin = await server.adminToken();
      const wrongActor = await exchange({ subject_token: subjectToken, actor_token: otherAdmin, actor_token_type: ACCESS_TOKEN }, console);
      expect(wrongActor.body.error).toBe('invalid_grant');
      const ok = await exchange({ subject_token: subjectToken, actor_token: adminUser.token, actor_token_type: ACCESS_TOKEN }, console);
      expect(ok.status).toBe(200);
      const claims = decodeJwt(ok.body.access_token);
      expect(claims.sub).toBe(fx.user.id);
      expect(claims.act).toEqual({ sub: adminUser.id });
      expect(claims.client_id).toBe(CONSOLE);
    });

    it('records both steps in the audit log with the admin as actor', async () => {
      const { subjectToken } = await mint(adminUser.token);
      expect((await exchange({ subject_token: subjectToken })).status).toBe(200);
      const created = await server.api('GET', `/logs?userId=${fx.user.id}&logKey=SubjectToken.Created`);
      expect(created.body[0].payload).toMatchObject({ actor: { type: 'user', id: adminUser.id }, userId: fx.user.id });
      const exchanged = await server.api('GET', `/logs?userId=${fx.user.id}&logKey=ExchangeTokenBy.TokenExchange`);
      const entry = exchanged.body.find((e: { payload: { actor?: { id: string } } }) => e.payload.actor?.id === adminUser.id);
      expect(entry?.payload).toMatchObject({ result: 'Success', applicationId: backend.id, actor: { type: 'user', id: adminUser.id } });
      expect(JSON.stringify([created.body, exchanged.body])).not.toContain(subjectToken);
    });

    it('refuses callers without the admin role and unknown users', async () => {
      expect((await server.api('POST', '/subject-tokens', { userId: fx.user.id }, null)).status).toBe(401);
      const user = await signInWithCode({
        issuer: server.issuer,
        clientId: CONSOLE,
        redirectUri: `${server.endpoint}/console/callback`,
        username: fx.user.username,
        password: fx.user.password,
        scope: 'openid all',
        resource: server.managementApi,
      });
      expect((await server.api('POST', '/subject-tokens', { userId: fx.user.id }, user.tokens.access_token)).status).toBe(403);
      expect((await server.api('POST', '/subject-tokens', { userId: 'no-such-user' })).status).toBe(404);
    });
  });
}

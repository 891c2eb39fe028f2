import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formField, openSignInPage } from '../support/browser.ts';
import { DIALECTS } from '../support/databases.ts';
import { SPA_REDIRECT, seedHasuraGuide, type HasuraFixture } from '../support/seed.ts';
import { clientCredentialsToken, startTestServer, type TestServer } from '../support/server.ts';

/** Issue 16, item 7: bad input is a 4xx with a message, never a 5xx, on both databases. */

const basic = (id: string, secret: string) =>
  `Basic ${Buffer.from(`${encodeURIComponent(id)}:${encodeURIComponent(secret)}`).toString('base64')}`;

function expectProblem(res: { status: number; headers: Headers; body: any }, status = 400) {
  expect(res.status, JSON.stringify(res.body)).toBe(status);
  expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  expect(res.body.detail).toEqual(expect.any(String));
}

/** Opens the hosted sign-in page and posts its form with these fields (raw body if a string). */
async function postSignIn(server: TestServer, clientId: string, fields: Record<string, string> | ((csrf: string) => string)) {
  const { jar, page } = await openSignInPage(server.issuer, clientId, SPA_REDIRECT);
  const action = new URL(/<form method="post" action="([^"]+)"/.exec(page.html)![1], server.endpoint).href;
  const csrf = formField(page.html, 'csrf')!;
  const body = typeof fields === 'function' ? fields(csrf) : new URLSearchParams({ csrf, ...fields }).toString();
  const res = await fetch(action, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: jar.header() },
    body,
  });
  return { status: res.status, headers: res.headers, text: await res.text() };
}

function deepObject(levels: number): Record<string, unknown> {
  let value: Record<string, unknown> = { leaf: true };
  for (let i = 1; i < levels; i += 1) value = { a: value };
  return value;
}

for (const dialect of DIALECTS) {
  describe(`bad input (${dialect})`, () => {
    let server: TestServer;
    let fx: HasuraFixture;

    beforeAll(async () => {
      server = await startTestServer(dialect, { env: { SIGN_IN_MAX_FAILURES: '3' } });
      fx = await seedHasuraGuide(server);
    }, 60_000);
    afterAll(async () => {
      await server?.stop();
    });

    describe('NUL bytes are refused with a 400 before the database', () => {
      it('in a path, a query string and a JSON string of the Management API', async () => {
        expectProblem(await server.api('GET', '/users/a%00b'));
        expectProblem(await server.api('GET', '/users?search=a%00b'));
        const res = await server.api('POST', '/roles', { name: 'a\u0000b' });
        expectProblem(res);
        expect(res.body.errors).toEqual([{ path: 'name', message: expect.stringMatching(/NUL/) }]);
        expectProblem(await server.api('PATCH', `/users/${fx.user.id}`, { customData: { ['k\u0000']: 1 } }));
      });

      it('in /oidc/token, /oidc/auth and introspection parameters, as OAuth invalid_request', async () => {
        const token = await fetch(`${server.endpoint}/oidc/token`, {
          method: 'POST',
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
          body: new URLSearchParams({
            grant_type: 'authorization_code',
            client_id: `${fx.spa.id}\u0000`,
            code: 'x',
            redirect_uri: SPA_REDIRECT,
          }),
        });
        expect(token.status).toBe(400);
        expect(await token.json()).toMatchObject({ error: 'invalid_request' });

        const basicNul = await fetch(`${server.endpoint}/oidc/token`, {
          method: 'POST',
          headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: basic('a\u0000b', 'secret') },
          body: new URLSearchParams({ grant_type: 'client_credentials' }),
        });
        expect(basicNul.status).toBe(400);

        const auth = await fetch(
          `${server.endpoint}/oidc/auth?client_id=a%00b&response_type=code&scope=openid&redirect_uri=${encodeURIComponent(SPA_REDIRECT)}`,
          {
            redirect: 'manual',
          },
        );
        expect(auth.status).toBe(400);
        expect(await auth.json()).toMatchObject({ error: 'invalid_request' });

        const introspection = await fetch(`${server.endpoint}/oidc/token/introspection`, {
          method: 'POST',
          headers: {
            'content-type': 'application/x-www-form-urlencoded',
            authorization: basic(server.admin.clientId, server.admin.clientSecret),
          },
          body: new URLSearchParams({ token: 'a\u0000b' }),
        });
        expect(introspection.status).toBe(400);
        expect(await introspection.json()).toMatchObject({ error: 'invalid_request' });
      });

      it('still lets oidc-provider read a clean form body after checking it', async () => {
        const { status, body } = await clientCredentialsToken(server.endpoint, server.admin.clientId, server.admin.clientSecret, {
          resource: server.managementApi,
          scope: 'all',
        });
        expect(status).toBe(200);
        expect(body.access_token).toEqual(expect.any(String));
      });

      it('in the sign-in form', async () => {
        const res = await postSignIn(server, fx.spa.id, { identifier: 'a\u0000b', password: 'whatever-password' });
        expect(res.status).toBe(400);
        expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      });

      it('in the Hasura webhook query string', async () => {
        const res = await fetch(`${server.endpoint}/api/authn/hasura?resource=a%00b`, {
          headers: { authorization: `Bearer ${await server.adminToken()}` },
        });
        expect(res.status).toBe(400);
        expect(await res.json()).toMatchObject({ error: 'invalid_request' });
      });
    });

    it('counts an over-long sign-in identifier as a failed attempt with the usual reply', async () => {
      const identifier = 'x'.repeat(600);
      for (let i = 0; i < 3; i += 1) {
        const res = await postSignIn(server, fx.spa.id, { identifier, password: 'wrong-password' });
        expect(res.status).toBe(401);
        expect(res.text).toContain('The username/email or password is incorrect.');
      }
      const locked = await postSignIn(server, fx.spa.id, { identifier, password: 'wrong-password' });
      expect(locked.status).toBe(429);
    });

    it('answers a PATCH naming no known field with 200 and the unchanged entity', async () => {
      const paths = [
        `/resources/${fx.resourceId}`,
        `/resources/${fx.resourceId}/scopes/${fx.scopes.read}`,
        `/roles/${fx.roles.reader}`,
        `/users/${fx.user.id}`,
        `/applications/${fx.spa.id}`,
      ];
      for (const path of paths) {
        const before = await server.api('GET', path.includes('/scopes/') ? `/resources/${fx.resourceId}/scopes` : path);
        for (const body of [{}, { unknownField: 1 }]) {
          const res = await server.api('PATCH', path, body);
          expect(res.status, `${path} ${JSON.stringify(res.body)}`).toBe(200);
          const expected = path.includes('/scopes/') ? before.body.find((s: { id: string }) => s.id === fx.scopes.read) : before.body;
          const { updatedAt: _u1, ...got } = res.body;
          // GET /users/:id adds the linked identities, which the PATCH reply does not carry.
          const { updatedAt: _u2, identities: _i, ...want } = expected;
          expect(got).toEqual(want);
        }
      }
    });

    it('refuses customData nested deeper than 32 levels with a 400 naming the field', async () => {
      const ok = await server.api('POST', '/users', { username: `deep32_${dialect}`, customData: deepObject(32) });
      expect(ok.status).toBe(201);
      for (const levels of [33, 4112]) {
        const res = await server.api('POST', '/users', { username: `deep_${levels}`, customData: deepObject(levels) });
        expectProblem(res);
        expect(res.body.errors[0].path).toMatch(/^customData/);
        const patch = await server.api('PATCH', `/applications/${fx.spa.id}`, { customData: deepObject(levels) });
        expectProblem(patch);
        expect(patch.body.errors[0].path).toMatch(/^customData/);
      }
      expect((await server.api('GET', '/users')).status).toBe(200);
    });

    it('refuses a claims script returning {"constructor": ...} with access_denied, not a 500', async () => {
      await server.adminToken(); // cached before the script applies to client-credentials tokens
      const put = await server.api('PUT', '/configs/jwt-customizer/client-credentials', {
        script: 'const getCustomJwtClaims = async () => ({ constructor: { evil: true }, ok: 1 });',
        environmentVariables: {},
      });
      expect(put.status, JSON.stringify(put.body)).toBe(200);
      try {
        const { status, body } = await clientCredentialsToken(server.endpoint, server.admin.clientId, server.admin.clientSecret, {
          resource: server.managementApi,
          scope: 'all',
        });
        expect(status).toBe(400);
        expect(body.error).toBe('access_denied');
      } finally {
        expect((await server.api('DELETE', '/configs/jwt-customizer/client-credentials')).status).toBe(204);
      }
    });

    it('answers a body over the limit with 413 and closes the keep-alive connection', async () => {
      const { port } = new URL(server.endpoint);
      const socket = connect(Number(port), '127.0.0.1');
      const token = await server.adminToken();
      let received = '';
      socket.on('data', (d) => (received += d.toString('latin1')));
      const closed = new Promise<void>((resolve) => socket.once('close', () => resolve()));
      socket.write(
        `POST /api/roles HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: keep-alive\r\nAuthorization: Bearer ${token}\r\n` +
          `Content-Type: application/json\r\nContent-Length: 2000000\r\n\r\n{"name":"`,
      );
      // Without Connection: close the server waits for the announced 2 MB on this socket
      // (or reads them as the next request) and the client never sees the socket end.
      const outcome = await Promise.race([closed.then(() => 'closed'), new Promise((r) => setTimeout(() => r('still open'), 10_000))]);
      socket.destroy();
      expect(received).toMatch(/^HTTP\/1\.1 413/);
      expect(received.toLowerCase()).toContain('connection: close');
      expect(outcome).toBe('closed');
    }, 20_000);
  });
}

describe.runIf(DIALECTS.includes('sqlite'))('two processes on one SQLite file', () => {
  let server: TestServer;
  let dir: string;
  let holder: ChildProcess | undefined;
  let spaId: string;
  const lines: Array<Record<string, any>> = [];

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'gatehouse-busy-'));
    const sink = new Writable({
      write(chunk, _enc, done) {
        for (const line of String(chunk).split('\n').filter(Boolean)) lines.push(JSON.parse(line));
        done();
      },
    });
    server = await startTestServer('sqlite', {
      databaseUrl: `sqlite:${join(dir, 'gatehouse.db')}`,
      logger: pino({ level: 'error' }, sink),
    });
    await server.adminToken();
    const spa = await server.api('POST', '/applications', {
      name: 'SPA',
      type: 'SPA',
      oidcClientMetadata: { redirectUris: [SPA_REDIRECT] },
    });
    spaId = spa.body.id;
  }, 60_000);
  afterAll(async () => {
    holder?.kill('SIGKILL');
    await server?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  /** A second process (as the CLI would be) holding the write lock until killed. */
  async function holdWriteLock(): Promise<ChildProcess> {
    const child = spawn(
      process.execPath,
      [
        '-e',
        `const db = require('better-sqlite3')(${JSON.stringify(join(dir, 'gatehouse.db'))}); db.exec('BEGIN IMMEDIATE'); console.log('locked'); setInterval(() => {}, 1000);`,
      ],
      { cwd: join(import.meta.dirname, '../../../..'), stdio: ['ignore', 'pipe', 'inherit'] },
    );
    await new Promise<void>((resolve, reject) => {
      child.stdout.on('data', (d) => String(d).includes('locked') && resolve());
      child.once('exit', (code) => reject(new Error(`lock holder exited with ${code}`)));
    });
    return child;
  }

  it('answers a write 503 with Retry-After after the busy timeout, never 500, and logs /oidc server errors with their cause', async () => {
    holder = await holdWriteLock();
    try {
      const res = await server.api('POST', '/roles', { name: 'while-locked' });
      expectProblem(res, 503);
      expect(res.headers.get('retry-after')).toBe('1');

      // oidc-provider stores an interaction on /oidc/auth: the same busy database, inside the provider.
      const auth = await fetch(
        `${server.issuer}/auth?${new URLSearchParams({
          client_id: spaId,
          response_type: 'code',
          scope: 'openid',
          redirect_uri: SPA_REDIRECT,
          code_challenge: 'x'.repeat(43),
          code_challenge_method: 'S256',
        }).toString()}`,
        { redirect: 'manual' },
      );
      expect(auth.status).toBe(503);
      expect(auth.headers.get('retry-after')).toBe('1');
      const logged = lines.find((l) => l.msg === 'oidc request failed');
      expect(logged).toMatchObject({ requestId: expect.any(String), err: { type: 'StorageBusyError' } });
      expect(JSON.stringify(logged)).toContain('database is locked'); // the SQLITE_BUSY cause
    } finally {
      holder.kill('SIGKILL');
      await new Promise((r) => holder!.once('exit', r));
    }
    expect((await server.api('POST', '/roles', { name: 'after-unlock' })).status).toBe(201);
  }, 60_000);
});

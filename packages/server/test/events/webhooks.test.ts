import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../support/databases.ts';
import * as oidc from 'openid-client';
import { HASURA_API, seedHasuraGuide, signInToHasura, type HasuraFixture } from '../support/seed.ts';
import { startTestServer, type TestServer } from '../support/server.ts';
import { startReceiver, type Delivery, type Receiver } from './receiver.ts';

/** Polls until `done` holds (or 5 s pass), returning the last value for the assertions. */
async function eventually<T>(get: () => Promise<T>, done: (value: T) => boolean): Promise<T> {
  let value = await get();
  for (let i = 0; i < 200 && !done(value); i += 1) {
    await new Promise((r) => setTimeout(r, 25));
    value = await get();
  }
  return value;
}

// Short retry delays: an internal server option, not a user setting.
const fast = { baseBackoffMs: 40, maxBackoffMs: 200, pollMs: 40 };

for (const dialect of DIALECTS) {
  describe(`webhooks and audit log (${dialect})`, () => {
    let server: TestServer;
    let receiver: Receiver;
    let fx: HasuraFixture;
    let hook: any;
    const secretsUsed: string[] = [];

    const createHook = async (path: string, events: string[]) => {
      const res = await server.api('POST', '/hooks', { name: `hook ${path}`, events, config: { url: `${receiver.url}${path}` } });
      expect(res.status).toBe(201);
      receiver.secrets.set(path, res.body.signingKey);
      secretsUsed.push(res.body.signingKey);
      return res.body;
    };
    const at = (path: string) => receiver.deliveries.filter((d) => d.path === path);
    const ok = (d: Delivery) => d.answered === 200;

    beforeAll(async () => {
      receiver = await startReceiver();
      server = await startTestServer(dialect, { env: { HOOKS_ALLOW_PRIVATE_URLS: 'true' }, deliveries: fast });
      hook = await createHook('/all', ['User.Created', 'User.Roles.Updated', 'PostSignIn', 'Role.Created', 'Role.Deleted']);
      fx = await seedHasuraGuide(server);
      secretsUsed.push(server.admin.clientSecret, fx.user.password, await server.adminToken());
    }, 60_000);
    afterAll(async () => {
      await server?.stop();
      await receiver?.close();
    });

    it('delivers user created, role assigned and a hosted sign-in once each, signed both ways', async () => {
      const { tokens } = await signInToHasura(server.issuer, fx);
      secretsUsed.push(tokens.access_token, tokens.refresh_token!, tokens.id_token!);
      await receiver.waitFor(() => at('/all').some((d) => d.body.event === 'PostSignIn'));
      const all = at('/all');
      expect(all.every((d) => d.logtoSignatureValid && d.standardSignatureValid)).toBe(true);
      expect(new Set(all.map((d) => d.webhookId)).size).toBe(all.length);

      const created = all.filter((d) => d.body.event === 'User.Created');
      expect(created).toHaveLength(1);
      expect(created[0].body).toMatchObject({
        hookId: hook.id,
        event: 'User.Created',
        path: '/api/users',
        method: 'POST',
        status: 201,
        data: { id: fx.user.id, username: 'demo', hasPassword: true },
      });
      expect(created[0].raw).not.toContain(fx.user.password);

      const assigned = all.filter((d) => d.body.event === 'User.Roles.Updated');
      expect(assigned).toHaveLength(1);
      expect(assigned[0].body).toMatchObject({
        path: `/api/users/${fx.user.id}/roles`,
        method: 'POST',
        data: { userId: fx.user.id, addedRoleIds: expect.arrayContaining([fx.roles.reader, fx.roles.maintainer]) },
      });

      const signIns = all.filter((d) => d.body.event === 'PostSignIn');
      expect(signIns).toHaveLength(1);
      expect(signIns[0].body).toMatchObject({
        hookId: hook.id,
        userId: fx.user.id,
        user: { id: fx.user.id, username: 'demo' },
        userIp: expect.any(String),
        sessionId: expect.any(String),
        application: { id: fx.spa.id, type: 'SPA', name: 'Hasura demo SPA' },
        interactionEvent: 'SignIn',
      });
      expect(Math.abs(signIns[0].timestamp - Date.now() / 1000)).toBeLessThan(300);
    });

    it('retries a receiver answering 500 twice and delivers on the third attempt, with the same webhook-id', async () => {
      const flaky = await createHook('/flaky', ['Role.Created']);
      let calls = 0;
      receiver.answer = (path) => (path === '/flaky' ? (++calls <= 2 ? 500 : 200) : 200);
      const role = await server.api('POST', '/roles', { name: 'flaky-role' });
      expect(role.status).toBe(201);
      await receiver.waitFor(() => at('/flaky').some(ok));
      const tries = at('/flaky');
      expect(tries.map((d) => d.answered)).toEqual([500, 500, 200]);
      expect(new Set(tries.map((d) => d.webhookId)).size).toBe(1);
      expect(tries[2].body).toMatchObject({ event: 'Role.Created', data: { name: 'flaky-role' } });
      const logs = await server.api('GET', `/hooks/${flaky.id}/recent-logs`);
      expect(logs.status).toBe(200);
      expect(logs.body[0]).toMatchObject({
        key: 'TriggerHook.Role.Created',
        payload: { result: 'Success', attempts: 3, response: { statusCode: 200 } },
      });
      receiver.answer = () => 200;
      const metrics = await (await fetch(`${server.endpoint}/metrics`)).text();
      expect(metrics).toMatch(/^gatehouse_webhook_deliveries_total\{outcome="retry"\} [2-9]/m);
      expect(metrics).toMatch(/^gatehouse_webhook_deliveries_total\{outcome="delivered"\} \d+/m);
      expect(metrics).toMatch(/^gatehouse_webhook_queue_depth \d+/m);
      expect(metrics).toMatch(/^gatehouse_webhook_oldest_pending_age_seconds [\d.]+/m);
    });

    it('marks a hook failing after a final 4xx, and redelivers one delivery on request', async () => {
      const refusing = await createHook('/refusing', ['Role.Deleted']);
      receiver.answer = (path) => (path === '/refusing' ? 400 : 200);
      const role = await server.api('POST', '/roles', { name: 'short-lived' });
      expect((await server.api('DELETE', `/roles/${role.body.id}`)).status).toBe(204);
      await receiver.waitFor(() => at('/refusing').length === 1);
      // A 400 is final: no retry, the hook shows as failing.
      let state: any;
      for (let i = 0; i < 100 && !(state = (await server.api('GET', `/hooks/${refusing.id}`)).body).failing; i += 1) {
        await new Promise((r) => setTimeout(r, 25));
      }
      expect(state.failing).toBe(true);
      const logs = await server.api('GET', `/hooks/${refusing.id}/recent-logs`);
      expect(logs.body[0].payload).toMatchObject({ result: 'Error', response: { statusCode: 400 } });

      receiver.answer = () => 200;
      const retry = await server.api('POST', `/hooks/${refusing.id}/recent-logs/${logs.body[0].id}/retry`);
      expect(retry.status).toBe(204);
      await receiver.waitFor(() => at('/refusing').some(ok));
      expect(at('/refusing').map((d) => d.webhookId)).toEqual([logs.body[0].id, logs.body[0].id]);
      // The mark clears once the success is recorded, just after the receiver answered.
      const healed = await eventually(
        () => server.api('GET', `/hooks/${refusing.id}`),
        (r) => !r.body.failing,
      );
      expect(healed.body.failing).toBe(false);
    });

    it('emits nothing for a change whose transaction failed (409 duplicate name)', async () => {
      expect((await server.api('POST', '/roles', { name: 'dup' })).status).toBe(201);
      expect((await server.api('POST', '/roles', { name: 'dup' })).status).toBe(409);
      // Deliveries are in order per hook: once the marker arrived, everything before it has.
      expect((await server.api('POST', '/roles', { name: 'marker' })).status).toBe(201);
      await receiver.waitFor(() => at('/all').some((d) => d.body.data?.name === 'marker'));
      expect(at('/all').filter((d) => d.body.data?.name === 'dup')).toHaveLength(1);
      const audit = await server.api('GET', '/logs?logKey=Role.Created&page_size=100');
      expect(audit.body.filter((l: any) => l.payload.name === 'dup')).toHaveLength(1);
    });

    it('answers who removed a role from a user, and when, from the audit log', async () => {
      const before = Date.now();
      expect((await server.api('DELETE', `/users/${fx.user.id}/roles/${fx.roles.maintainer}`)).status).toBe(204);
      const res = await server.api('GET', `/logs?userId=${fx.user.id}&logKey=User.Roles.Updated&start_time=${before}`);
      expect(res.status).toBe(200);
      expect(res.headers.get('total-number')).toBe('1');
      const [entry] = res.body;
      expect(entry).toMatchObject({
        key: 'User.Roles.Updated',
        payload: {
          userId: fx.user.id,
          removedRoleIds: [fx.roles.maintainer],
          actor: { type: 'application', id: server.admin.clientId },
          method: 'DELETE',
        },
      });
      expect(entry.createdAt).toBeGreaterThanOrEqual(before);
      expect((await server.api('GET', `/logs/${entry.id}`)).body).toEqual(entry);
      expect((await server.api('GET', '/logs/nope')).status).toBe(404);
    });

    it('records sign-in failures with a reason and token exchanges', async () => {
      await expect(signInToHasura(server.issuer, fx, { password: 'wrong password here' })).rejects.toThrow();
      const failures = await server.api('GET', `/logs?userId=${fx.user.id}&logKey=Interaction.SignIn.Submit`);
      expect(failures.body.some((l: any) => l.payload.result === 'Error' && l.payload.error === 'wrong_password')).toBe(true);
      expect(failures.body.some((l: any) => l.payload.result === 'Success')).toBe(true);
      const exchanges = await server.api('GET', `/logs?userId=${fx.user.id}&logKey=ExchangeTokenBy.AuthorizationCode`);
      expect(exchanges.body[0]).toMatchObject({ payload: { result: 'Success', applicationId: fx.spa.id } });
      const m2m = await server.api('GET', `/logs?applicationId=${server.admin.clientId}&logKey=ExchangeTokenBy.ClientCredentials`);
      expect(Number(m2m.headers.get('total-number'))).toBeGreaterThan(0);
    });

    it('never stores a secret, password or token in the logs table', async () => {
      expect((await server.api('PATCH', `/users/${fx.user.id}/password`, { password: 'another Secret passw0rd!' })).status).toBe(200);
      secretsUsed.push('another Secret passw0rd!');
      const app = await server.api('POST', '/applications', { name: 'm2m', type: 'MachineToMachine' });
      secretsUsed.push(app.body.secret);
      const rows = await server.db.selectFrom('logs').selectAll().execute();
      expect(rows.length).toBeGreaterThan(10);
      const dump = JSON.stringify(rows);
      for (const secret of secretsUsed) expect(dump).not.toContain(secret);
      const parsed = JSON.stringify(rows.map((r) => JSON.parse(r.payload) as unknown));
      expect(parsed).toContain('"password":"[redacted]"');
    });

    it('delivers Organization.Created and audits it', async () => {
      await createHook('/orgs', ['Organization.Created']);
      const org = await server.api('POST', '/organizations', { name: 'Acme' });
      expect(org.status).toBe(201);
      await receiver.waitFor(() => at('/orgs').some(ok));
      expect(at('/orgs')[0].body).toMatchObject({ event: 'Organization.Created', data: { id: org.body.id, name: 'Acme' } });
      const audit = await server.api('GET', '/logs?logKey=Organization.Created');
      expect(audit.body[0].payload).toMatchObject({ id: org.body.id, name: 'Acme' });
    });

    it('audits refresh token reuse and emits Identifier.Lockout when a lock starts', async () => {
      const { tokens, config } = await signInToHasura(server.issuer, fx, { password: 'another Secret passw0rd!' });
      await oidc.refreshTokenGrant(config, tokens.refresh_token!, { resource: HASURA_API });
      await expect(oidc.refreshTokenGrant(config, tokens.refresh_token!, { resource: HASURA_API })).rejects.toThrow();
      // Provider events are written after the response: wait for the entry.
      const reuse = await eventually(
        () => server.api('GET', `/logs?userId=${fx.user.id}&logKey=RefreshToken.ReuseDetected`),
        (r) => r.body.length > 0,
      );
      expect(reuse.body).toHaveLength(1);
      expect(reuse.body[0].payload).toMatchObject({ result: 'Error', applicationId: fx.spa.id });

      await createHook('/lockout', ['Identifier.Lockout']);
      for (let i = 0; i < 5; i += 1) await expect(signInToHasura(server.issuer, fx, { password: `wrong ${i}` })).rejects.toThrow();
      await receiver.waitFor(() => at('/lockout').some(ok));
      expect(at('/lockout')).toHaveLength(1);
      expect(at('/lockout')[0].body).toMatchObject({ event: 'Identifier.Lockout', data: { userId: fx.user.id } });
      const audit = await server.api('GET', `/logs?userId=${fx.user.id}&logKey=Identifier.Lockout`);
      expect(audit.body).toHaveLength(1);
    });

    it('validates hooks: unknown events and non-http URLs are 400s', async () => {
      expect((await server.api('POST', '/hooks', { name: 'x', events: ['Nope'], config: { url: receiver.url } })).status).toBe(400);
      expect((await server.api('POST', '/hooks', { name: 'x', events: ['User.Created'], config: { url: 'ftp://a' } })).status).toBe(400);
      expect((await server.api('POST', '/hooks', { name: 'x', events: [], config: { url: receiver.url } })).status).toBe(400);
      const rotated = await server.api('PATCH', `/hooks/${hook.id}/signing-key`);
      expect(rotated.status).toBe(200);
      expect(rotated.body.signingKey).toMatch(/^whsec_/);
      expect(rotated.body.signingKey).not.toBe(hook.signingKey);
    });
  });
}

describe('webhook URLs resolving to private addresses (HOOKS_ALLOW_PRIVATE_URLS off)', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer('sqlite');
  }, 30_000);
  afterAll(async () => server?.stop());

  it.each(['http://127.0.0.1:9/x', 'http://169.254.169.254/latest', 'http://10.0.0.1/', 'http://[::1]/', 'http://localhost/'])(
    'refuses %s',
    async (url) => {
      const res = await server.api('POST', '/hooks', { name: 'ssrf', events: ['User.Created'], config: { url } });
      expect(res.status).toBe(400);
    },
  );
});

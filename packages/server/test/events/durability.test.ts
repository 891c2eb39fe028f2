import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startChildServer, type ChildServer } from '../support/child-server.ts';
import { createTestDatabase, DIALECTS, type TestDatabase } from '../support/databases.ts';
import { clientCredentialsToken } from '../support/server.ts';
import { startReceiver, type Receiver } from './receiver.ts';

/** A Management API caller for a child process (its ENDPOINT is http://localhost:<port>). */
async function managementApi(server: ChildServer, admin: { id: string; secret: string }) {
  const port = new URL(server.endpoint).port;
  const { status, body } = await clientCredentialsToken(server.endpoint, admin.id, admin.secret, {
    resource: `http://localhost:${port}/api`,
    scope: 'all',
  });
  if (status !== 200) throw new Error(`token: ${status} ${JSON.stringify(body)}`);
  return async (method: string, path: string, payload?: unknown) => {
    const res = await fetch(`${server.endpoint}/api${path}`, {
      method,
      headers: { authorization: `Bearer ${body.access_token}`, 'content-type': 'application/json' },
      body: payload === undefined ? undefined : JSON.stringify(payload),
    });
    return { status: res.status, body: (await res.json().catch(() => undefined)) as any };
  };
}

for (const dialect of DIALECTS) {
  describe(`webhook deliveries survive a killed process (${dialect})`, () => {
    let receiver: Receiver | undefined;
    let database: TestDatabase | undefined;
    let dir: string | undefined;
    const children: ChildServer[] = [];

    afterAll(async () => {
      for (const c of children) await c.stop();
      await receiver?.close();
      await database?.drop();
      if (dir) rmSync(dir, { recursive: true, force: true });
    });

    it('delivers an event committed before SIGKILL once the server restarts', async () => {
      receiver = await startReceiver();
      if (dialect === 'sqlite') dir = mkdtempSync(join(tmpdir(), 'gatehouse-events-'));
      database =
        dialect === 'sqlite' ? { url: `sqlite:${join(dir!, 'db.sqlite')}`, drop: async () => {} } : await createTestDatabase('postgres');
      const admin = { id: 'durability-admin', secret: randomBytes(24).toString('base64url') };
      const env = {
        DATABASE_URL: database.url,
        BOOTSTRAP_ADMIN_CLIENT_ID: admin.id,
        BOOTSTRAP_ADMIN_CLIENT_SECRET: admin.secret,
        HOOKS_ALLOW_PRIVATE_URLS: 'true',
      };
      // The receiver is down (503) while the first process runs: the event stays queued.
      receiver.answer = () => 503;
      const first = await startChildServer(env);
      children.push(first);
      const api = await managementApi(first, admin);
      const hook = await api('POST', '/hooks', { name: 'sync', events: ['User.Created'], config: { url: `${receiver.url}/sync` } });
      expect(hook.status).toBe(201);
      receiver.secrets.set('/sync', hook.body.signingKey);
      const user = await api('POST', '/users', { username: 'survivor' });
      expect(user.status).toBe(201);
      await receiver.waitFor((d) => d.length > 0);
      // Kill after the failed attempt is recorded (a process killed mid-attempt leaves a lease
      // that another process takes over only when it expires, 60 s later).
      for (let i = 0; i < 400; i += 1) {
        const logs = await api('GET', `/hooks/${hook.body.id}/recent-logs`);
        if (logs.body[0]?.payload.response?.statusCode === 503) break;
        await new Promise((r) => setTimeout(r, 25));
      }
      await first.kill();
      expect(first.exited()).toBe('signal SIGKILL');

      receiver.answer = () => 200;
      const second = await startChildServer(env);
      children.push(second);
      await receiver.waitFor((d) => d.some((x) => x.answered === 200), 30_000);
      const delivered = receiver.deliveries.filter((d) => d.answered === 200);
      expect(delivered).toHaveLength(1);
      expect(delivered[0].body).toMatchObject({ event: 'User.Created', data: { id: user.body.id, username: 'survivor' } });
      expect(delivered[0].logtoSignatureValid && delivered[0].standardSignatureValid).toBe(true);
      // The same message as the attempts before the crash: receivers deduplicate on webhook-id.
      expect(new Set(receiver.deliveries.map((d) => d.webhookId)).size).toBe(1);
    }, 90_000);
  });
}

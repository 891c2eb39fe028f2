import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startChildServer, type ChildServer } from '../support/child-server.ts';
import { DIALECTS } from '../support/databases.ts';
import { startTestServer, type TestServer } from '../support/server.ts';
import { startReceiver, type Receiver } from './receiver.ts';

const WRITERS = 4;
const ROLES_PER_WRITER = 25;
const UPDATES_PER_ROLE = 2;
const CHANGES = WRITERS * ROLES_PER_WRITER * (1 + UPDATES_PER_ROLE);

// Several processes share one PostgreSQL database in production; SQLite is single-process.
describe.runIf(DIALECTS.includes('postgres'))('webhook deliveries from two processes on one PostgreSQL', () => {
  let a: TestServer;
  let b: ChildServer;
  let receiver: Receiver;

  beforeAll(async () => {
    receiver = await startReceiver();
    a = await startTestServer('postgres', { env: { HOOKS_ALLOW_PRIVATE_URLS: 'true' } });
    b = await startChildServer({
      DATABASE_URL: a.databaseUrl,
      ENDPOINT: a.endpoint,
      HOOKS_ALLOW_PRIVATE_URLS: 'true',
    });
  }, 60_000);
  afterAll(async () => {
    await b?.stop();
    await a?.stop();
    await receiver?.close();
  });

  it(`delivers ${CHANGES} changes from ${WRITERS} concurrent writers complete, in order per entity, without duplicate ids`, async () => {
    const hook = await a.api('POST', '/hooks', {
      name: 'sync',
      events: ['Role.Created', 'Role.Data.Updated'],
      config: { url: `${receiver.url}/sync` },
    });
    expect(hook.status).toBe(201);
    receiver.secrets.set('/sync', hook.body.signingKey);
    const token = await a.adminToken();
    // Writers alternate between the processes; each changes its own roles one after another.
    const call = async (base: string, method: string, path: string, body: unknown) => {
      const res = await fetch(`${base}/api${path}`, {
        method,
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      if (res.status >= 300) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
      return (await res.json()) as { id: string };
    };
    await Promise.all(
      Array.from({ length: WRITERS }, async (_, w) => {
        const base = w % 2 === 0 ? a.endpoint : b.endpoint;
        for (let r = 0; r < ROLES_PER_WRITER; r += 1) {
          const role = await call(base, 'POST', '/roles', { name: `w${w}-r${r}`, description: 'v0' });
          for (let v = 1; v <= UPDATES_PER_ROLE; v += 1) await call(base, 'PATCH', `/roles/${role.id}`, { description: `v${v}` });
        }
      }),
    );
    await receiver.waitFor((d) => d.length >= CHANGES, 45_000);
    const got = receiver.deliveries;
    expect(got).toHaveLength(CHANGES);
    expect(new Set(got.map((d) => d.webhookId)).size).toBe(CHANGES);
    expect(got.every((d) => d.logtoSignatureValid && d.standardSignatureValid)).toBe(true);
    // Per role: created (v0) first, then v1, v2 in the order they were made.
    const byRole = new Map<string, string[]>();
    for (const d of got) byRole.set(d.body.data.name, [...(byRole.get(d.body.data.name) ?? []), d.body.data.description]);
    expect(byRole.size).toBe(WRITERS * ROLES_PER_WRITER);
    for (const versions of byRole.values()) expect(versions).toEqual(['v0', 'v1', 'v2']);
  }, 60_000);
});

import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../../src/logger.ts';
import { createPostgresChangeBus, type ChangeBus, type ChangeTopic } from '../../src/storage/change-bus.ts';
import { startChildServer, type ChildServer } from '../support/child-server.ts';
import { createTestDatabase, DIALECTS, POSTGRES_ADMIN_URL, type TestDatabase } from '../support/databases.ts';
import { HASURA_API, seedHasuraGuide, signInToHasura, type HasuraFixture } from '../support/seed.ts';
import { clientCredentialsToken, startTestServer, type TestServer } from '../support/server.ts';

// Issue 16, item 2: a PostgreSQL fault (backends terminated, failover, restart) must neither
// kill the process nor leave it serving stale authorization once the database is back.

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Terminates every backend connected to the database (what a failover or an admin does). */
async function terminateBackends(databaseUrl: string): Promise<number> {
  const admin = new pg.Client({ connectionString: POSTGRES_ADMIN_URL });
  await admin.connect();
  try {
    const { rows } = await admin.query(
      'SELECT pg_terminate_backend(pid) AS done FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()',
      [new URL(databaseUrl).pathname.slice(1)],
    );
    return rows.length;
  } finally {
    await admin.end();
  }
}

/**
 * A database outage without stopping the shared PostgreSQL server: refuse new connections
 * to this one database (superusers included) and drop the existing ones.
 */
async function startOutage(databaseUrl: string): Promise<() => Promise<void>> {
  const name = new URL(databaseUrl).pathname.slice(1);
  const admin = new pg.Client({ connectionString: POSTGRES_ADMIN_URL });
  await admin.connect();
  try {
    await admin.query(`ALTER DATABASE ${name} ALLOW_CONNECTIONS false`);
  } finally {
    await admin.end();
  }
  await terminateBackends(databaseUrl);
  return async () => {
    const c = new pg.Client({ connectionString: POSTGRES_ADMIN_URL });
    await c.connect();
    try {
      await c.query(`ALTER DATABASE ${name} ALLOW_CONNECTIONS true`);
    } finally {
      await c.end();
    }
  };
}

/** Polls until `check` returns true or the deadline passes; returns the last result. */
async function eventually(check: () => Promise<boolean>, deadlineMs: number, everyMs = 50): Promise<boolean> {
  const deadline = Date.now() + deadlineMs;
  for (;;) {
    try {
      if (await check()) return true;
    } catch {
      // not yet
    }
    if (Date.now() > deadline) return false;
    await sleep(everyMs);
  }
}

describe.runIf(DIALECTS.includes('postgres'))('PostgreSQL faults: backends terminated under load (two processes)', () => {
  let a: TestServer;
  let b: ChildServer;
  let fx: HasuraFixture;
  let userToken: string;

  beforeAll(async () => {
    a = await startTestServer('postgres');
    fx = await seedHasuraGuide(a);
    b = await startChildServer({ DATABASE_URL: a.databaseUrl, ENDPOINT: a.endpoint });
    userToken = (await signInToHasura(a.issuer, fx)).tokens.access_token;
  }, 60_000);
  afterAll(async () => {
    await b?.stop();
    await a?.stop();
  });

  const webhook = (base: string, role: string) =>
    fetch(`${base}/api/authn/hasura?resource=${encodeURIComponent(HASURA_API)}`, {
      headers: { authorization: `Bearer ${userToken}`, 'x-hasura-role': role },
    });
  const adminToken = async (base: string) => {
    const { status, body } = await clientCredentialsToken(base, a.admin.clientId, a.admin.clientSecret, {
      resource: a.managementApi,
      scope: 'all',
    });
    if (status !== 200) throw new Error(`token request to ${base} answered ${status}`);
    return body.access_token as string;
  };

  /** Light continuous traffic on both processes: token requests, webhook calls, API reads. */
  function startLoad(bases: string[]) {
    let running = true;
    const calls: Array<() => Promise<unknown>> = bases.flatMap((base) => [
      () => adminToken(base),
      () => webhook(base, 'user:reader').then((r) => r.arrayBuffer()),
      async () => {
        const res = await fetch(`${base}/api/users`, { headers: { authorization: `Bearer ${await adminToken(base)}` } });
        await res.arrayBuffer();
      },
      () => fetch(`${base}/ready`).then((r) => r.arrayBuffer()),
    ]);
    const loops = calls.map(async (call) => {
      while (running) {
        await call().catch(() => {}); // failures during the fault are expected; survival is checked after
        await sleep(5);
      }
    });
    return async () => {
      running = false;
      await Promise.all(loops);
    };
  }

  it('keeps both processes alive and serving, and refuses a role removed afterwards through the other process within 2 s', async () => {
    const stopLoad = startLoad([a.endpoint, b.endpoint]);
    try {
      await sleep(300);
      for (let round = 0; round < 3; round += 1) {
        expect(await terminateBackends(a.databaseUrl)).toBeGreaterThan(0);
        await sleep(400);
      }
      // Once more right away: the reconnect attempts themselves must survive a fault.
      await terminateBackends(a.databaseUrl);
      await sleep(50);
      await terminateBackends(a.databaseUrl);
      await sleep(300);

      // Then an outage: nothing can connect for a while. Both processes say they are not ready.
      const endOutage = await startOutage(a.databaseUrl);
      try {
        for (const base of [a.endpoint, b.endpoint]) {
          const notReady = await eventually(async () => {
            const res = await fetch(`${base}/ready`);
            return res.status === 503 && ((await res.json()) as { failed?: string[] }).failed?.includes('changeFeed') === true;
          }, 5_000);
          expect(notReady, `${base}/ready reports the change feed down`).toBe(true);
        }
        await sleep(1_500);
      } finally {
        await endOutage();
      }
    } finally {
      await stopLoad();
    }

    expect(b.exited(), b.output()).toBeUndefined();
    for (const base of [a.endpoint, b.endpoint]) {
      expect(await eventually(async () => (await fetch(`${base}/ready`)).status === 200, 10_000), `${base}/ready`).toBe(true);
      expect(await eventually(async () => (await webhook(base, 'user:maintainer')).status === 200, 5_000), `${base} webhook`).toBe(true);
      expect(await eventually(async () => (await adminToken(base)).length > 0, 5_000), `${base} token`).toBe(true);
    }

    // Process B holds the maintainer role in its cache (just answered 200 above); remove it through A.
    expect((await a.api('DELETE', `/users/${fx.user.id}/roles/${fx.roles.maintainer}`)).status).toBe(204);
    const refused = await eventually(async () => (await webhook(b.endpoint, 'user:maintainer')).status === 401, 2_000);
    expect(refused, 'process B still grants the removed role').toBe(true);
    expect((await webhook(b.endpoint, 'user:reader')).status).toBe(200);
    expect(b.exited(), b.output()).toBeUndefined();
  }, 60_000);
});

describe.runIf(DIALECTS.includes('postgres'))('PostgreSQL faults: the change bus', () => {
  let database: TestDatabase;
  let bus: ChangeBus | undefined;
  let other: ChangeBus | undefined;

  beforeAll(async () => {
    database = await createTestDatabase('postgres');
  });
  afterAll(async () => {
    await bus?.close();
    await other?.close();
    await database?.drop();
  });

  it('reconnects after its connection is killed, announces * and delivers later changes again', async () => {
    bus = await createPostgresChangeBus(database.url, silentLogger());
    const seen: ChangeTopic[] = [];
    bus.subscribe((topic) => seen.push(topic));
    expect(bus.healthy()).toBe(true);

    expect(await terminateBackends(database.url)).toBeGreaterThan(0);
    expect(await eventually(async () => seen.includes('*') && bus!.healthy(), 10_000), 'bus announced * and is healthy again').toBe(true);

    // A change published by another process after the outage reaches this one.
    other = await createPostgresChangeBus(database.url, silentLogger());
    seen.length = 0;
    await other.publish('rbac');
    expect(await eventually(async () => seen.includes('rbac'), 5_000), 'change delivered after reconnect').toBe(true);
  });

  it('keeps reconnecting through an outage, flushing caches while it is down', async () => {
    const flaky = await createPostgresChangeBus(database.url, silentLogger(), { downFlushMs: 100 });
    try {
      const seen: ChangeTopic[] = [];
      flaky.subscribe((topic) => seen.push(topic));
      seen.length = 0;
      const endOutage = await startOutage(database.url);
      try {
        expect(await eventually(async () => !flaky.healthy(), 5_000), 'bus reports the feed down').toBe(true);
        // Snapshots that cannot read through are told to reload again and again meanwhile.
        expect(await eventually(async () => seen.filter((t) => t === '*').length >= 3, 5_000), 'repeated * while down').toBe(true);
        await sleep(1_000); // several failed reconnect attempts
        expect(flaky.healthy()).toBe(false);
      } finally {
        await endOutage();
      }
      expect(await eventually(async () => flaky.healthy(), 15_000), 'bus reconnected').toBe(true);
      seen.length = 0;
      other ??= await createPostgresChangeBus(database.url, silentLogger());
      await eventually(
        async () => {
          await other!.publish('resources');
          return seen.includes('resources');
        },
        5_000,
        200,
      );
      expect(seen).toContain('resources');
    } finally {
      await flaky.close();
    }
  });

  it('keeps reconnecting when its first attempts fail too', async () => {
    bus ??= await createPostgresChangeBus(database.url, silentLogger());
    const seen: ChangeTopic[] = [];
    bus.subscribe((topic) => seen.push(topic));
    // Kill the listener, then keep killing whatever reconnects for a second.
    const until = Date.now() + 1000;
    while (Date.now() < until) {
      await terminateBackends(database.url);
      await sleep(20);
    }
    seen.length = 0;
    expect(await eventually(async () => bus!.healthy(), 15_000), 'bus healthy again').toBe(true);
    other ??= await createPostgresChangeBus(database.url, silentLogger());
    await eventually(
      async () => {
        await other!.publish('users');
        return seen.includes('users');
      },
      5_000,
      200,
    );
    expect(seen).toContain('users');
  });
});

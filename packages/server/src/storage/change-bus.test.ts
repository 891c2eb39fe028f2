import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../logger.ts';
import { createSqliteChangeBus } from './change-bus.ts';
import { openDb } from './db.ts';
import { sql } from 'kysely';

describe('SQLite change bus', () => {
  const dir = mkdtempSync(join(tmpdir(), 'gatehouse-bus-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('announces changes committed by another connection, and nothing otherwise', async () => {
    const path = join(dir, 'db.sqlite');
    const server = openDb({ dialect: 'sqlite', path });
    const cli = openDb({ dialect: 'sqlite', path });
    await sql`create table t (x integer)`.execute(server);
    const bus = createSqliteChangeBus(server, silentLogger(), 20);
    const seen: string[] = [];
    bus.subscribe((topic) => seen.push(topic));
    await sql`insert into t values (1)`.execute(server); // our own write: no announcement
    await new Promise((r) => setTimeout(r, 150));
    expect(seen).toEqual([]);
    await sql`insert into t values (2)`.execute(cli); // another connection's write
    await new Promise((r) => setTimeout(r, 150));
    expect(seen).toEqual(['*']);
    await bus.close();
    await server.destroy();
    await cli.destroy();
  });
});

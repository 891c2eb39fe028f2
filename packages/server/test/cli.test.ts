import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../src/cli/main.ts';
import type { CliIo } from '../src/cli/context.ts';
import { describeSigningKeys } from '../src/services/signing-keys.ts';
import { openDb } from '../src/storage/db.ts';
import { createTestDatabase, DIALECTS } from './support/databases.ts';

function capture(env: Record<string, string>): CliIo & { stdout: string[]; stderr: string[] } {
  const stdout: string[] = [];
  const stderr: string[] = [];
  return { env: { LOG_LEVEL: 'silent', ...env }, out: (t) => stdout.push(t), err: (t) => stderr.push(t), stdout, stderr };
}

describe.each(DIALECTS)('gatehouse CLI (%s)', (dialect) => {
  const dirs: string[] = [];
  const drops: Array<() => Promise<void>> = [];
  afterAll(async () => {
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
    for (const drop of drops) await drop();
  });

  async function databaseUrl(): Promise<string> {
    if (dialect === 'sqlite') {
      const dir = mkdtempSync(join(tmpdir(), 'gatehouse-cli-'));
      dirs.push(dir);
      return `sqlite:${join(dir, 'db.sqlite')}`;
    }
    const db = await createTestDatabase('postgres');
    drops.push(db.drop);
    return db.url;
  }

  it('migrates, then says the database is up to date', async () => {
    const io = capture({ DATABASE_URL: await databaseUrl() });
    expect(await runCli(['db', 'migrate'], io)).toBe(0);
    expect(io.stdout[0]).toMatch(/Applied: .*initial/);
    expect(await runCli(['db', 'migrate'], io)).toBe(0);
    expect(io.stdout[1]).toBe('The database is up to date.');
  });

  it('seeds the Hasura demo idempotently and prints a fresh demo password', async () => {
    const io = capture({ DATABASE_URL: await databaseUrl() });
    expect(await runCli(['db', 'seed-demo'], io)).toBe(0);
    expect(io.stdout[0]).toMatch(/7 created, 0 already there/);
    expect(io.stdout[0]).toMatch(/role user:reader -> scope read:user/);
    expect(io.stdout[0]).toMatch(/role user:maintainer -> scope maintain:user/);
    expect(io.stdout[0]).toMatch(/SPA app id: hasura-demo-spa/);
    expect(await runCli(['db', 'seed-demo'], io)).toBe(0);
    expect(io.stdout[1]).toMatch(/0 created, 7 already there/);
    const password = (s: string) => /password: (\S+)/.exec(s)?.[1];
    expect(password(io.stdout[1])).not.toBe(password(io.stdout[0]));
  });

  it('rotates the signing key: the new key is published as next', async () => {
    const url = await databaseUrl();
    const io = capture({ DATABASE_URL: url });
    expect(await runCli(['keys', 'rotate'], io)).toBe(0);
    expect(io.stdout[0]).toMatch(/published now/);
    const db = openDb(url.startsWith('sqlite:') ? { dialect: 'sqlite', path: url.slice(7) } : { dialect: 'postgres', url });
    try {
      expect((await describeSigningKeys(db)).map((k) => k.status).sort()).toEqual(['current', 'next']);
    } finally {
      await db.destroy();
    }
  });
});

describe('gatehouse CLI errors', () => {
  it('exits 2 naming the bad variable', async () => {
    const io = capture({ DATABASE_URL: 'mysql://nope' });
    expect(await runCli(['db', 'migrate'], io)).toBe(2);
    expect(io.stderr.join('\n')).toMatch(/DATABASE_URL: must be/);
  });

  it('exits 2 with the usage on an unknown command', async () => {
    const io = capture({});
    expect(await runCli(['frobnicate'], io)).toBe(2);
    expect(io.stderr[0]).toMatch(/Usage: gatehouse <command>/);
  });

  it('runs as a real process and stops at start on a bad value', () => {
    const result = spawnSync(process.execPath, ['--import', 'tsx', 'packages/server/src/main.ts'], {
      cwd: join(import.meta.dirname, '../../..'),
      env: { ...process.env, PORT: 'not-a-port' },
      encoding: 'utf8',
    });
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/PORT: must be a number \(got "not-a-port"\)/);
  });
});

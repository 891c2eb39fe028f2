import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../src/cli/main.ts';
import type { CliIo } from '../src/cli/context.ts';
import { startTestServer, type TestServer } from './support/server.ts';
import { DIALECTS } from './support/databases.ts';
import { HASURA_API, seedHasuraGuide, type HasuraFixture, signInToHasura } from './support/seed.ts';

function capture(env: Record<string, string>) {
  const stdout: string[] = [];
  const stderr: string[] = [];
  const io: CliIo = { env: { LOG_LEVEL: 'silent', ...env }, out: (t) => stdout.push(t), err: (t) => stderr.push(t) };
  return { io, stdout, stderr };
}

// A realistic export: 3 tables, several roles, an action and a remote schema.
const metadata = {
  version: 3,
  sources: [
    {
      name: 'default',
      kind: 'postgres',
      tables: [
        {
          table: { schema: 'public', name: 'user' },
          select_permissions: [
            { role: 'user:reader', permission: {} },
            { role: 'user:maintainer', permission: {} },
          ],
          update_permissions: [{ role: 'user:maintainer', permission: {} }],
        },
        {
          table: { schema: 'public', name: 'order' },
          select_permissions: [{ role: 'order:reader', permission: {} }],
          insert_permissions: [{ role: 'order:writer', permission: {} }],
        },
        { table: { schema: 'public', name: 'audit' }, select_permissions: [{ role: 'admin', permission: {} }] },
      ],
    },
  ],
  actions: [{ name: 'refund', definition: {}, permissions: [{ role: 'billing' }] }],
  remote_schemas: [
    {
      name: 'payments',
      definition: {},
      permissions: [
        { role: 'billing', definition: {} },
        { role: 'support', definition: {} },
      ],
    },
  ],
};

describe.each(DIALECTS)('gatehouse hasura commands (%s)', (dialect) => {
  let server: TestServer;
  let fx: HasuraFixture;
  let dir: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'gatehouse-hasura-'));
    // The CLI opens the server's database from another connection: SQLite needs a file.
    server = await startTestServer(dialect, dialect === 'sqlite' ? { databaseUrl: `sqlite:${join(dir, 'db.sqlite')}` } : {});
    fx = await seedHasuraGuide(server);
  });
  afterAll(async () => {
    rmSync(dir, { recursive: true, force: true });
    await server?.stop();
  });

  const env = () => ({ DATABASE_URL: server.databaseUrl, ENDPOINT: server.endpoint });

  it('enables the preset and prints the exact JWT secret', async () => {
    const enable = capture(env());
    expect(await runCli(['hasura', 'preset', 'enable', '--resource', HASURA_API, '--default-roles', 'user:reader'], enable.io)).toBe(0);
    const secret = capture(env());
    expect(await runCli(['hasura', 'jwt-secret', '--resource', HASURA_API], secret.io)).toBe(0);
    expect(JSON.parse(secret.stdout[0])).toEqual({
      jwk_url: `${server.issuer}/jwks`,
      issuer: server.issuer,
      audience: HASURA_API,
      claims_namespace: 'https://hasura.io/jwt/claims',
      claims_format: 'json',
    });
    // The doctor, fed that secret and a real token, predicts acceptance (exit 0) and a refusal (exit 1).
    // The server hears of the preset through NOTIFY (PostgreSQL) or its data_version poll (SQLite).
    await new Promise((r) => setTimeout(r, 1500));
    const { tokens } = await signInToHasura(server.issuer, fx);
    const ok = capture({});
    expect(await runCli(['hasura', 'doctor', '--jwt-secret', secret.stdout[0], '--token', tokens.access_token], ok.io)).toBe(0);
    expect(ok.stdout.join('\n')).toMatch(/Hasura would ACCEPT/);
    const bad = capture({});
    expect(
      await runCli(['hasura', 'doctor', '--jwt-secret', secret.stdout[0], '--token', tokens.access_token, '--role', 'admin'], bad.io),
    ).toBe(1);
    expect(bad.stdout.join('\n')).toMatch(/access-denied: Your requested role is not in allowed roles/);
    const garbage = capture({});
    expect(await runCli(['hasura', 'doctor', '--jwt-secret', '{"key":"short","type":"HS256"}', '--token', 'x'], garbage.io)).toBe(2);
  });

  it('imports one role and one scope per Hasura role, idempotently', async () => {
    const file = join(dir, 'metadata.json');
    writeFileSync(file, JSON.stringify(metadata));
    const dry = capture(env());
    expect(await runCli(['hasura', 'import-roles', file, '--resource', HASURA_API, '--dry-run'], dry.io)).toBe(0);
    expect(dry.stdout[0]).toMatch(/^Would create: /);
    expect((await server.api('GET', '/roles?search=billing')).body).toEqual([]);

    const first = capture(env());
    expect(await runCli(['hasura', 'import-roles', file, '--resource', HASURA_API], first.io)).toBe(0);
    expect(first.stdout[0]).toBe(
      'Created: scope billing, role billing, scope order:reader, role order:reader, scope order:writer, role order:writer, scope support, role support',
    );
    // The guide's roles already map to scopes of the resource: they are left as they are.
    expect(first.stdout[1]).toBe('Already there: role user:maintainer, role user:reader');
    const second = capture(env());
    expect(await runCli(['hasura', 'import-roles', file, '--resource', HASURA_API], second.io)).toBe(0);
    expect(second.stdout[0]).toBe('Created: nothing');
    const roles = (await server.api('GET', '/roles?page_size=100')).body.map((r: { name: string }) => r.name);
    expect(roles).not.toContain('admin');
    const billing = (await server.api('GET', '/roles?search=billing')).body[0];
    expect((await server.api('GET', `/roles/${billing.id}/scopes`)).body.map((s: { name: string }) => s.name)).toEqual(['billing']);
  });

  it('refuses bad input with exit 2', async () => {
    const missing = capture(env());
    expect(await runCli(['hasura', 'import-roles', join(dir, 'nope.json'), '--resource', HASURA_API], missing.io)).toBe(2);
    expect(missing.stderr[0]).toMatch(/Cannot read Hasura metadata/);
    const noResource = capture(env());
    expect(await runCli(['hasura', 'jwt-secret'], noResource.io)).toBe(2);
    expect(noResource.stderr[0]).toMatch(/--resource/);
  });
});

import { parseArgs } from 'node:util';
import { loadConfig } from '../../config/index.ts';
import { openDb } from '../../storage/db.ts';
import { migrateToLatest } from '../../storage/migrate.ts';
import { seedDemo } from '../../services/seed-demo.ts';
import { UsageError, withServices, type CliIo } from '../context.ts';

export async function dbMigrate(_args: string[], io: CliIo): Promise<number> {
  const config = loadConfig(io.env);
  const db = openDb(config.database);
  try {
    const { applied } = await migrateToLatest(db);
    io.out(applied.length > 0 ? `Applied: ${applied.join(', ')}` : 'The database is up to date.');
    return 0;
  } finally {
    await db.destroy();
  }
}

export async function dbSeedDemo(args: string[], io: CliIo): Promise<number> {
  const { values } = parseArgs({ args, options: { resource: { type: 'string' } } });
  if (values.resource !== undefined && !/^https?:\/\//.test(values.resource))
    throw new UsageError('--resource must be an absolute http(s) URL');
  const seed = await withServices(io, (deps) => seedDemo(deps, { resource: values.resource }));
  io.out(
    [
      `Hasura demo ready (${seed.created.length} created, ${seed.existing.length} already there).`,
      `  API resource: ${seed.resource.indicator}`,
      ...seed.roles.map((r) => `  role ${r.name} -> scope ${r.scope}`),
      `  user: ${seed.user.username}  password: ${seed.user.password}`,
      `  SPA app id: ${seed.app.id}  (redirect URI ${seed.app.redirectUri})`,
    ].join('\n'),
  );
  return 0;
}

import { loadConfig, type Config } from '../config/index.ts';
import { createLogger } from '../logger.ts';
import { openStorage, prepare } from '../server.ts';
import type { ServiceDeps } from '../services/deps.ts';

export interface CliIo {
  env: Record<string, string | undefined>;
  out: (text: string) => void;
  err: (text: string) => void;
}

export const processIo: CliIo = {
  env: process.env,
  out: (text) => process.stdout.write(`${text}\n`),
  err: (text) => process.stderr.write(`${text}\n`),
};

/** Opens the configured database (migrated, built-ins in place) for a one-shot command. */
export async function withServices<T>(io: CliIo, fn: (deps: ServiceDeps, config: Readonly<Config>) => Promise<T>): Promise<T> {
  const config = loadConfig(io.env);
  const logger = createLogger({ level: io.env.LOG_LEVEL ?? 'warn' });
  const { db, changes } = await openStorage(config, logger);
  const deps = { config, db, logger, changes };
  try {
    await prepare(deps);
    return await fn(deps, config);
  } finally {
    await changes.close();
    await db.destroy();
  }
}

export class UsageError extends Error {}

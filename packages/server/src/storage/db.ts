import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import SQLite from 'better-sqlite3';
import { CamelCasePlugin, Kysely, PostgresDialect, SqliteDialect, type LogEvent } from 'kysely';
import pg from 'pg';
import type { DatabaseConfig } from '../config/index.ts';
import type { Logger } from '../logger.ts';
import { withBusyErrors } from './busy-dialect.ts';
import { preparedPostgresPool, preparedSqliteDatabase } from './prepared.ts';
import type { Database } from './schema.ts';

export type Db = Kysely<Database>;
export type Dialect = DatabaseConfig['dialect'];

export interface OpenDbOptions {
  logger?: Logger;
  /** Pool size for PostgreSQL. */
  poolSize?: number;
}

/**
 * Opens the database named by the configuration. SQLite runs in WAL mode with a busy
 * timeout so readers never block the writer; PostgreSQL returns int8 as numbers (all our
 * bigints are epoch milliseconds, far below 2^53).
 */
export function openDb(config: DatabaseConfig, options: OpenDbOptions = {}): Db {
  const log = options.logger
    ? (event: LogEvent) => {
        if (event.level === 'error') {
          options.logger!.debug({ err: event.error, ms: event.queryDurationMillis }, 'query failed');
        } else if (event.queryDurationMillis > 200) {
          options.logger!.debug({ ms: event.queryDurationMillis, sql: event.query.sql }, 'slow query');
        }
      }
    : undefined;
  if (config.dialect === 'sqlite') {
    if (config.path !== ':memory:') mkdirSync(dirname(config.path), { recursive: true });
    const sqlite = new SQLite(config.path);
    sqlite.pragma('journal_mode = WAL');
    sqlite.pragma('busy_timeout = 5000');
    sqlite.pragma('foreign_keys = ON');
    sqlite.pragma('synchronous = NORMAL');
    return new Kysely<Database>({
      dialect: withBusyErrors(new SqliteDialect({ database: preparedSqliteDatabase(sqlite) })),
      plugins: [new CamelCasePlugin()],
      log,
    });
  }
  const pool = new pg.Pool({
    connectionString: config.url,
    max: options.poolSize ?? 10,
    types: {
      getTypeParser: (oid: number, format?: string) =>
        oid === Number(pg.types.builtins.INT8)
          ? (value: string) => Number(value)
          : (pg.types.getTypeParser(oid, format as 'text') as (value: string) => unknown),
    },
  });
  handleConnectionErrors(pool, options.logger);
  return new Kysely<Database>({
    dialect: new PostgresDialect({ pool: preparedPostgresPool(pool) }),
    plugins: [new CamelCasePlugin()],
    log,
  });
}

/**
 * A connection dropped by the server (restart, failover, `pg_terminate_backend`) must never
 * crash the process. node-postgres emits 'error' on the client, and throws if nobody listens:
 * the pool listens only while a client is idle, so a client checked out for a query or a
 * transaction needs its own listener for its whole life. Its pending query fails with the
 * error (the request answers 5xx) and the pool discards it on release.
 */
export function handleConnectionErrors(pool: pg.Pool, logger: Logger | undefined, what = 'database connection'): void {
  pool.on('error', (err) => logger?.warn({ err: err.message }, `idle ${what} lost`));
  pool.on('connect', (client) => {
    client.on('error', (err) => logger?.debug({ err: err.message }, `${what} lost`));
  });
}

export function dialectOf(db: Db): Dialect {
  return db.getExecutor().adapter.constructor.name.toLowerCase().includes('postgres') ? 'postgres' : 'sqlite';
}

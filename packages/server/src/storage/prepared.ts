import type { Compilable, Kysely, QueryResult } from 'kysely';
import type { PostgresPool, PostgresPoolClient, SqliteDatabase, SqliteStatement } from 'kysely';
import type pg from 'pg';

/**
 * Hot queries compiled once. Kysely builds, transforms (CamelCasePlugin) and compiles a query
 * on every call; for the few queries every token request runs that is a good share of the
 * request's CPU. A prepared query is compiled once with placeholders, then run with the same
 * SQL text and new parameters. Each text is also registered here, so the drivers keep it as a
 * prepared statement (`withPreparedStatements`): PostgreSQL parses and plans it once per
 * connection, better-sqlite3 compiles it once per process.
 *
 * The registry only ever holds the texts of the queries compiled by `prepareQuery` (a fixed
 * set, named in code), never SQL built from input, so it cannot grow with traffic.
 */
const preparedTexts = new Map<string, string>();

function register(sql: string): void {
  if (!preparedTexts.has(sql)) preparedTexts.set(sql, `gatehouse_${preparedTexts.size + 1}`);
}

const marker = (key: string) => `\u0000prepared:${key}`;

/**
 * Compiles `build(placeholders)` once on this database and returns a function that runs it
 * with values for the placeholders. Every parameter of the compiled query must be a
 * placeholder or a constant of the builder (kept as compiled).
 */
export function prepareQuery<DB, K extends string, R>(
  db: Kysely<DB>,
  keys: readonly K[],
  build: (placeholders: Record<K, never>) => Compilable<R>,
): (values: Record<K, unknown>) => Promise<QueryResult<R>> {
  const placeholders = Object.fromEntries(keys.map((k) => [k, marker(k)])) as unknown as Record<K, never>;
  const compiled = build(placeholders).compile();
  const byMarker = new Map<unknown, K>(keys.map((k) => [marker(k), k]));
  const slots = compiled.parameters.map((p) => ({ key: byMarker.get(p), constant: p }));
  register(compiled.sql);
  return (values) => {
    const parameters = slots.map((s) => (s.key === undefined ? s.constant : values[s.key]));
    return db.executeQuery<R>({ ...compiled, parameters });
  };
}

/**
 * A node-postgres pool as Kysely sees it, whose connections run the prepared texts as named
 * statements (parsed and planned once per connection, then Bind/Execute only).
 */
export function preparedPostgresPool(pool: pg.Pool): PostgresPool {
  const wrapped = new WeakMap<pg.PoolClient, PostgresPoolClient>();
  const wrap = (client: pg.PoolClient): PostgresPoolClient => {
    const plain = client as unknown as PostgresPoolClient;
    return {
      query: ((sqlOrCursor: string, parameters: readonly unknown[]) => {
        const name = typeof sqlOrCursor === 'string' ? preparedTexts.get(sqlOrCursor) : undefined;
        if (name === undefined) return plain.query(sqlOrCursor, parameters);
        return client.query({ name, text: sqlOrCursor, values: [...parameters] });
      }) as PostgresPoolClient['query'],
      release: (destroy?: boolean) => client.release(destroy),
    };
  };
  return {
    async connect() {
      const client = await pool.connect();
      // Kysely keeps one connection object per client (a WeakMap): hand it the same wrapper.
      let w = wrapped.get(client);
      if (!w) wrapped.set(client, (w = wrap(client)));
      return w;
    },
    end: () => pool.end(),
  };
}

/** A better-sqlite3 database as Kysely sees it, compiling each prepared text once. */
export function preparedSqliteDatabase(database: SqliteDatabase): SqliteDatabase {
  const statements = new Map<string, SqliteStatement>();
  return {
    close: () => database.close(),
    prepare(sql: string) {
      if (!preparedTexts.has(sql)) return database.prepare(sql);
      let statement = statements.get(sql);
      if (!statement) statements.set(sql, (statement = database.prepare(sql)));
      return statement;
    },
  };
}

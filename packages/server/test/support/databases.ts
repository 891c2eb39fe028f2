import { randomBytes } from 'node:crypto';
import pg from 'pg';

export type TestDialect = 'sqlite' | 'postgres';

/**
 * The dialects every storage-touching suite runs against. CI runs both; set
 * GATEHOUSE_TEST_DIALECTS=sqlite to skip PostgreSQL on a machine without it.
 */
export const DIALECTS: TestDialect[] = (process.env.GATEHOUSE_TEST_DIALECTS ?? 'sqlite,postgres')
  .split(',')
  .map((d) => d.trim())
  .filter((d): d is TestDialect => d === 'sqlite' || d === 'postgres');

export const POSTGRES_ADMIN_URL = process.env.GATEHOUSE_TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export interface TestDatabase {
  url: string;
  drop(): Promise<void>;
}

/** A fresh database per call: in-memory SQLite, or a new PostgreSQL database dropped afterwards. */
export async function createTestDatabase(dialect: TestDialect): Promise<TestDatabase> {
  if (dialect === 'sqlite') return { url: 'sqlite::memory:', drop: async () => {} };
  const name = `gatehouse_test_${process.pid}_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: POSTGRES_ADMIN_URL });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name} TEMPLATE template0`);
  } finally {
    await admin.end();
  }
  const url = new URL(POSTGRES_ADMIN_URL);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const c = new pg.Client({ connectionString: POSTGRES_ADMIN_URL });
      await c.connect();
      try {
        // Plain DROP first: the server under test has closed its pools by now. FORCE only
        // if something still holds a connection (a crashed child process).
        await c.query(`DROP DATABASE IF EXISTS ${name}`).catch(() => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
      } finally {
        await c.end();
      }
    },
  };
}

import { EventEmitter } from 'node:events';
import { sql } from 'kysely';
import pg from 'pg';
import type { Logger } from '../logger.ts';
import type { Db } from './db.ts';

/**
 * What changed, announced to every process sharing the database so in-memory caches
 * (role assignments, signing keys, applications) are dropped at once.
 * - SQLite: in-process, plus a poll of `PRAGMA data_version` (it changes when another
 *   connection, e.g. a `gatehouse` CLI command, commits), which announces `*`.
 * - PostgreSQL: LISTEN/NOTIFY on one channel; delivery is sub-second, and a reconnect
 *   announces `*` so caches that may have missed a message are flushed.
 */
export type ChangeTopic = 'rbac' | 'keys' | 'applications' | 'resources' | 'users' | 'jwt-customizer' | '*';

export interface ChangeBus {
  publish(topic: ChangeTopic): Promise<void>;
  subscribe(listener: (topic: ChangeTopic) => void): () => void;
  close(): Promise<void>;
}

const CHANNEL = 'gatehouse_changes';

export function createLocalChangeBus(): ChangeBus {
  const emitter = new EventEmitter();
  emitter.setMaxListeners(0);
  return {
    async publish(topic) {
      emitter.emit('change', topic);
    },
    subscribe(listener) {
      emitter.on('change', listener);
      return () => emitter.off('change', listener);
    },
    async close() {
      emitter.removeAllListeners();
    },
  };
}

export async function createPostgresChangeBus(url: string, logger: Logger): Promise<ChangeBus> {
  const local = createLocalChangeBus();
  const publisher = new pg.Pool({ connectionString: url, max: 1 });
  publisher.on('error', (err) => logger.warn({ err: err.message }, 'change bus publisher connection lost'));
  let listener: pg.Client | undefined;
  let closed = false;
  let retry: NodeJS.Timeout | undefined;

  const connect = async (): Promise<void> => {
    const client = new pg.Client({ connectionString: url });
    client.on('error', (err) => {
      logger.warn({ err: err.message }, 'change bus connection lost; reconnecting');
      listener = undefined;
      client.end().catch(() => {});
      if (!closed) retry = setTimeout(() => void connect().catch(() => {}), 500);
    });
    client.on('notification', (message) => {
      if (message.channel === CHANNEL && message.payload) void local.publish(message.payload as ChangeTopic);
    });
    await client.connect();
    await client.query(`LISTEN ${CHANNEL}`);
    if (listener === undefined && !closed) {
      listener = client;
      void local.publish('*');
    } else {
      await client.end();
    }
  };
  await connect();

  return {
    async publish(topic) {
      // Our own LISTEN delivers it back to this process too, but a little later: publish
      // locally first so the caller's next read here is already fresh.
      await local.publish(topic);
      await publisher.query('SELECT pg_notify($1, $2)', [CHANNEL, topic]);
    },
    subscribe: local.subscribe,
    async close() {
      closed = true;
      if (retry) clearTimeout(retry);
      await local.close();
      await listener?.end().catch(() => {});
      await publisher.end();
    },
  };
}

export function createSqliteChangeBus(db: Db, logger: Logger, intervalMs = 1000): ChangeBus {
  const local = createLocalChangeBus();
  let last: number | undefined;
  let busy = false;
  const timer = setInterval(() => {
    if (busy) return;
    busy = true;
    sql<Record<string, number>>`PRAGMA data_version`
      .execute(db)
      .then(({ rows }) => {
        // (CamelCasePlugin renames the column, so read the only value rather than its name.)
        const version = Number(Object.values(rows[0] ?? {})[0]);
        if (Number.isNaN(version)) return;
        if (last !== undefined && version !== last) void local.publish('*');
        last = version;
      })
      .catch((err: Error) => logger.debug({ err: err.message }, 'data_version poll failed'))
      .finally(() => {
        busy = false;
      });
  }, intervalMs);
  timer.unref();
  return {
    publish: local.publish,
    subscribe: local.subscribe,
    async close() {
      clearInterval(timer);
      await local.close();
    },
  };
}

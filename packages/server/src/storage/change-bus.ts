import { EventEmitter } from 'node:events';
import { sql } from 'kysely';
import pg from 'pg';
import type { Logger } from '../logger.ts';
import { handleConnectionErrors, type Db } from './db.ts';

/**
 * What changed, announced to every process sharing the database so in-memory caches
 * (role assignments, signing keys, applications) are dropped at once.
 * - SQLite: in-process, plus a poll of `PRAGMA data_version` (it changes when another
 *   connection, e.g. a `gatehouse` CLI command, commits), which announces `*`.
 * - PostgreSQL: LISTEN/NOTIFY on one channel; delivery is sub-second.
 * Invariant: while `healthy()` is false, changes made by other processes may be missed, so
 * caches must not be trusted (createChangeCache reads through). Losing the feed and getting
 * it back both announce `*`, and while it is down `*` is repeated every few seconds, so
 * snapshots that cannot read through (CORS origins, signing keys) are never stale for long.
 */
export type ChangeTopic =
  | 'rbac'
  | 'keys'
  | 'applications'
  | 'resources'
  | 'users'
  | 'jwt-customizer'
  | 'organizations'
  | 'sign-in-experience'
  /** A user's second factors were bound or removed (services/mfa). */
  | 'mfa'
  | '*';

export interface ChangeBus {
  publish: (topic: ChangeTopic) => Promise<void>;
  subscribe: (listener: (topic: ChangeTopic) => void) => () => void;
  /** False while changes made by other processes may be missed (the PostgreSQL listener is down). */
  healthy: () => boolean;
  close: () => Promise<void>;
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
    healthy: () => true,
    async close() {
      emitter.removeAllListeners();
    },
  };
}

export interface PostgresChangeBusOptions {
  /** First reconnect delay; doubles per failed attempt up to `maxBackoffMs`. */
  minBackoffMs?: number;
  maxBackoffMs?: number;
  /** How often the listener proves it is alive (a dropped TCP path sends no error). */
  heartbeatMs?: number;
  /** While the feed is down, `*` is announced this often. */
  downFlushMs?: number;
}

export async function createPostgresChangeBus(url: string, logger: Logger, options: PostgresChangeBusOptions = {}): Promise<ChangeBus> {
  const { minBackoffMs = 100, maxBackoffMs = 5_000, heartbeatMs = 5_000, downFlushMs = 3_000 } = options;
  const local = createLocalChangeBus();
  const publisher = new pg.Pool({ connectionString: url, max: 1 });
  handleConnectionErrors(publisher, logger, 'change bus publisher connection');
  let listener: pg.Client | undefined;
  let closed = false;
  let attempts = 0;
  let retry: NodeJS.Timeout | undefined;
  let heartbeat: NodeJS.Timeout | undefined;
  let downFlush: NodeJS.Timeout | undefined;

  const lost = (client: pg.Client, err: Error) => {
    if (client !== listener) return; // a client being set up, replaced or closed: not ours to report
    listener = undefined;
    clearInterval(heartbeat);
    client.end().catch(() => {});
    if (closed) return;
    logger.warn({ err: err.message }, 'change feed lost; caches bypassed until it reconnects');
    void local.publish('*');
    downFlush = setInterval(() => void local.publish('*'), downFlushMs);
    downFlush.unref();
    scheduleConnect();
  };

  const scheduleConnect = () => {
    const delay = Math.min(maxBackoffMs, minBackoffMs * 2 ** attempts);
    attempts += 1;
    retry = setTimeout(() => {
      connect().catch((err: Error) => {
        logger.debug({ err: err.message, attempts }, 'change feed reconnect failed');
        if (!closed) scheduleConnect();
      });
    }, delay);
    retry.unref();
  };

  const connect = async (): Promise<void> => {
    const client = new pg.Client({ connectionString: url, keepAlive: true });
    let dead: Error | undefined;
    const onLost = (err: Error) => {
      dead ??= err;
      lost(client, err);
    };
    // Listeners first: an error while connecting or subscribing must not be unhandled.
    client.on('error', onLost);
    client.on('end', () => onLost(new Error('connection ended')));
    client.on('notification', (message) => {
      if (message.channel === CHANNEL && message.payload) void local.publish(message.payload as ChangeTopic);
    });
    try {
      await client.connect();
      await client.query(`LISTEN ${CHANNEL}`);
      // The connection can die between the LISTEN reply and here (both in one read).
      if (dead) throw dead;
    } catch (err) {
      client.end().catch(() => {});
      throw err;
    }
    if (closed) {
      await client.end().catch(() => {});
      return;
    }
    listener = client;
    if (attempts > 0) logger.info({ attempts }, 'change feed reconnected');
    attempts = 0;
    clearInterval(downFlush);
    let pending = false;
    heartbeat = setInterval(() => {
      if (pending) return lost(client, new Error('heartbeat timed out'));
      pending = true;
      client.query('SELECT 1').then(
        () => (pending = false),
        (err: Error) => lost(client, err),
      );
    }, heartbeatMs);
    heartbeat.unref();
    // Whatever was announced while we were not listening is unknown: drop everything.
    void local.publish('*');
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
    healthy: () => listener !== undefined,
    async close() {
      closed = true;
      clearTimeout(retry);
      clearInterval(heartbeat);
      clearInterval(downFlush);
      await local.close();
      const client = listener;
      listener = undefined;
      await client?.end().catch(() => {});
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
    // Another connection's commit is seen by the next poll; nothing here can be missed.
    healthy: () => true,
    async close() {
      clearInterval(timer);
      await local.close();
    },
  };
}

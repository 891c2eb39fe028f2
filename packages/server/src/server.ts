import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type Koa from 'koa';
import type { AddressInfo } from 'node:net';
import { createApp, type App } from './app.ts';
import { createMetricsApp } from './http/metrics-listener.ts';
import { HASURA_WEBHOOK_PATH } from './routes/hasura-webhook.ts';
import type { Config } from './config/index.ts';
import { createLogger, type Logger } from './logger.ts';
import { applyBootstrapAdmins, ensureBuiltins, issueSetupToken } from './services/bootstrap.ts';
import type { ServiceDeps } from './services/deps.ts';
import { ensureSigningKey } from './services/signing-keys.ts';
import { createPostgresChangeBus, createSqliteChangeBus, type ChangeBus } from './storage/change-bus.ts';
import { openDb, type Db } from './storage/db.ts';
import { migrateToLatest } from './storage/migrate.ts';
import { deleteExpiredOidcRows } from './storage/oidc-adapter.ts';
import { startDeliveryWorker, type DeliveryWorkerOptions } from './services/events/delivery-worker.ts';

export interface RunningServer {
  url: string;
  app: App;
  db: Db;
  http: Server;
  /** Base URL of the METRICS_PORT listener, when configured. */
  metricsUrl?: string;
  setupToken?: string;
  close(): Promise<void>;
}

export async function openStorage(config: Readonly<Config>, logger: Logger): Promise<{ db: Db; changes: ChangeBus }> {
  const db = openDb(config.database, { logger });
  const changes =
    config.database.dialect === 'postgres' ? await createPostgresChangeBus(config.database.url, logger) : createSqliteChangeBus(db, logger);
  return { db, changes };
}

/** Prepares the database (migrations, built-ins, first key, bootstrap admins). Idempotent. */
export async function prepare(deps: ServiceDeps): Promise<string | undefined> {
  const { applied } = await migrateToLatest(deps.db);
  if (applied.length > 0) deps.logger.info({ applied }, 'database migrated');
  await ensureBuiltins(deps);
  await ensureSigningKey(deps);
  await applyBootstrapAdmins(deps);
  return issueSetupToken(deps);
}

/** Everything `gatehouse start` does, minus printing: used by main.ts and the tests. */
export async function startServer(
  config: Readonly<Config>,
  options: {
    logger?: Logger;
    /** Internal: webhook delivery timings (tests shorten the backoff; not a user setting). */
    deliveries?: DeliveryWorkerOptions;
  } = {},
): Promise<RunningServer> {
  const logger = options.logger ?? createLogger(config.log);
  const { db, changes } = await openStorage(config, logger);
  const services = { config, db, logger, changes };
  const setupToken = await prepare(services);
  const app = await createApp(services);
  const koa = app.koa.callback();
  // Hasura calls its webhook on every GraphQL request, and every API fetches the JWKS and
  // discovery: these skip the Koa stack entirely.
  const http = createServer((req, res) => {
    if (app.serveDocument(req, res)) return;
    const url = req.url ?? '';
    if (url.startsWith(HASURA_WEBHOOK_PATH) && (url.length === HASURA_WEBHOOK_PATH.length || url[HASURA_WEBHOOK_PATH.length] === '?')) {
      void app.hasuraWebhook(req, res);
      return;
    }
    void koa(req, res);
  });
  http.keepAliveTimeout = 65_000;
  await new Promise<void>((resolve, reject) => {
    http.once('error', reject);
    http.listen(config.port, config.host, () => resolve());
  });
  const { port } = http.address() as AddressInfo;
  // METRICS_PORT: /metrics on its own listener (e.g. a port only the scraper can reach).
  const metricsHttp =
    config.metricsPort === undefined
      ? undefined
      : createServer(koaHandler(createMetricsApp({ metrics: app.metrics, token: config.metricsToken, logger })));
  if (metricsHttp) {
    await new Promise<void>((resolve, reject) => {
      metricsHttp.once('error', reject);
      metricsHttp.listen(config.metricsPort, config.host, () => resolve());
    }).catch(async (err: unknown) => {
      http.closeAllConnections();
      await new Promise<void>((resolve) => http.close(() => resolve()));
      throw err;
    });
  }
  const sweeper = setInterval(() => {
    deleteExpiredOidcRows(db).catch((err) => logger.warn({ err }, 'expired row cleanup failed'));
  }, 10 * 60_000);
  sweeper.unref();
  // Webhook deliveries and audit log pruning, in every process (claims are safe to share).
  const deliveries = startDeliveryWorker(services, app.metrics, options.deliveries);
  return {
    url: `http://127.0.0.1:${port}`,
    app,
    db,
    http,
    metricsUrl: metricsHttp ? `http://127.0.0.1:${(metricsHttp.address() as AddressInfo).port}` : undefined,
    setupToken,
    async close() {
      clearInterval(sweeper);
      await deliveries.stop();
      http.closeAllConnections();
      await new Promise<void>((resolve) => http.close(() => resolve()));
      if (metricsHttp) {
        metricsHttp.closeAllConnections();
        await new Promise<void>((resolve) => metricsHttp.close(() => resolve()));
      }
      await app.close();
      await changes.close();
      await db.destroy();
    },
  };
}

/** Koa's handler as node:http takes it: Koa answers its own errors (ctx.onerror), so the promise never rejects. */
function koaHandler(app: Koa): (req: IncomingMessage, res: ServerResponse) => void {
  const handle = app.callback();
  return (req, res) => void handle(req, res);
}

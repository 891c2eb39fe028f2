import { sql } from 'kysely';
import type { RouteDeps } from './context.ts';
import { metricsEndpoint, type Metrics } from '../http/metrics.ts';

export function healthRoutes(deps: RouteDeps & { metrics: Metrics }): void {
  const { router } = deps;
  router.get('/health', function health(ctx) {
    ctx.body = { status: 'ok' };
  });
  // Ready = the database answers AND the change feed is up: without the feed this process
  // cannot hear other processes' changes (it still answers correctly, reading through its
  // caches), and a load balancer should prefer a process that can.
  router.get('/ready', async function ready(ctx) {
    const failed: Array<'database' | 'changeFeed'> = [];
    try {
      await sql`select 1`.execute(deps.db);
    } catch {
      failed.push('database');
    }
    if (!deps.changes.healthy()) failed.push('changeFeed');
    ctx.set('Cache-Control', 'no-store');
    if (failed.length === 0) {
      ctx.body = { status: 'ready' };
      return;
    }
    ctx.status = 503;
    ctx.body = {
      status: 'unavailable',
      failed,
      detail: failed
        .map((check) =>
          check === 'database' ? 'The database is not reachable.' : 'The change feed (PostgreSQL LISTEN) is down; reconnecting.',
        )
        .join(' '),
    };
  });
  // With METRICS_PORT, /metrics lives only on that listener (server.ts); here it is a 404.
  if (deps.config.metricsPort === undefined) router.get('/metrics', metricsEndpoint(deps.metrics, deps.config.metricsToken));
}

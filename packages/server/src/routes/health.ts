import { sql } from 'kysely';
import type { RouteDeps } from './context.ts';
import type { Metrics } from '../http/metrics.ts';

export function healthRoutes(deps: RouteDeps & { metrics: Metrics }): void {
  const { router } = deps;
  router.get('/health', function health(ctx) {
    ctx.body = { status: 'ok' };
  });
  router.get('/ready', async function ready(ctx) {
    try {
      await sql`select 1`.execute(deps.db);
      ctx.body = { status: 'ready' };
    } catch {
      ctx.status = 503;
      ctx.body = { status: 'unavailable', detail: 'The database is not reachable.' };
    }
  });
  router.get('/metrics', function metrics(ctx) {
    ctx.type = 'text/plain; version=0.0.4';
    ctx.body = deps.metrics.render();
  });
}

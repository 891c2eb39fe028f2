import type { RouteDeps } from './context.ts';
import { metricsEndpoint, type Metrics } from '../http/metrics.ts';
import { checkReadiness } from '../services/readiness.ts';

export function healthRoutes(deps: RouteDeps & { metrics: Metrics }): void {
  const { router } = deps;
  router.get('/health', function health(ctx) {
    ctx.body = { status: 'ok' };
  });
  router.get('/ready', async function ready(ctx) {
    const readiness = await checkReadiness(deps);
    ctx.set('Cache-Control', 'no-store');
    if (readiness.ready) {
      ctx.body = { status: 'ready' };
      return;
    }
    ctx.status = 503;
    ctx.body = { status: 'unavailable', failed: readiness.failed, detail: readiness.detail };
  });
  // With METRICS_PORT, /metrics lives only on that listener (server.ts); here it is a 404.
  if (deps.config.metricsPort === undefined) router.get('/metrics', metricsEndpoint(deps.metrics, deps.config.metricsToken));
}

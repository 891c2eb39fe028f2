import Router from '@koa/router';
import Koa from 'koa';
import type { Logger } from '../logger.ts';
import { metricsEndpoint, type Metrics } from './metrics.ts';
import { errorHandler } from './problem.ts';
import { requestContext } from './request-context.ts';

/**
 * The app behind METRICS_PORT: /metrics and nothing else, so the port can be opened to a
 * scraper (or kept on a private interface) without exposing the identity server on it.
 */
export function createMetricsApp(input: { metrics: Metrics; token: string | undefined; logger: Logger }): Koa {
  const koa = new Koa();
  const router = new Router();
  router.get('/metrics', metricsEndpoint(input.metrics, input.token));
  koa.use(requestContext(input.logger));
  koa.use(errorHandler());
  koa.use(router.routes());
  koa.use(router.allowedMethods());
  return koa;
}

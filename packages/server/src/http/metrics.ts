import { createHash, timingSafeEqual } from 'node:crypto';
import type Koa from 'koa';
import { UnauthenticatedError } from '../domain/errors.ts';

/**
 * A few Prometheus series, rendered by hand: counters and a latency histogram per route.
 *
 * Invariants:
 * 1. The label set is bounded by the code, never by the traffic: a request is labelled with
 *    the template of the route that answered it (`/api/users/:id`), an oidc-provider route by
 *    its fixed path (`/oidc/token`), anything else by `unmatched`. (Labelling by raw path let 20,000 unknown
 *    paths grow the process by 300 MB and /metrics to 84 MB.)
 * 2. Every label value is escaped per the text exposition format (`\\`, `\"`, `\n`).
 */
export interface Metrics {
  middleware: Koa.Middleware;
  count(name: string, labels?: Record<string, string>): void;
  /** `count` for one fixed series, its key rendered once (for per-request hot paths). */
  counter(name: string, labels?: Record<string, string>): () => void;
  /** Sets a gauge to its latest value (e.g. the webhook queue depth, sampled by its worker). */
  gauge(name: string, value: number, labels?: Record<string, string>): void;
  render(): string;
}

const buckets = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5];

const unmatchedRoute = 'unmatched';

// Answered by the OIDC runtime from pre-serialised bodies, ahead of oidc-provider's router.
const fixedOidcPaths = new Set(['/oidc/jwks', '/oidc/.well-known/openid-configuration']);

/** Prometheus text format: backslash, double quote and line feed are escaped in label values. */
export function escapeLabelValue(value: string): string {
  return value.replace(/[\\"\n]/g, (c) => (c === '\n' ? '\\n' : `\\${c}`));
}

interface RouterLayer {
  path: unknown;
  methods?: string[];
}

/**
 * The route template that answered. @koa/router lists the layers whose path matched in
 * `ctx.matched`; the last one with this method is the route (its `_matchedRoute` is
 * overwritten by router-level middleware such as the /api token check, so it is not used
 * for these). oidc-provider's own router leaves `ctx._matchedRoute`, relative to `/oidc`.
 */
function routeLabel(ctx: Koa.Context): string {
  const layers = ((ctx as { matched?: RouterLayer[] }).matched ?? []).filter((l) => l.methods?.includes(ctx.method));
  const route = layers.at(-1)?.path;
  if (typeof route === 'string') return route;
  const matched = (ctx as { _matchedRoute?: unknown })._matchedRoute;
  if (ctx.path.startsWith('/oidc/') && typeof matched === 'string') return matched.startsWith('/oidc') ? matched : `/oidc${matched}`;
  return fixedOidcPaths.has(ctx.path) ? ctx.path : unmatchedRoute;
}

function renderLabels(labels: Record<string, string>): string {
  const pairs = Object.entries(labels).map(([k, v]) => `${k}="${escapeLabelValue(v)}"`);
  return pairs.length > 0 ? `{${pairs.join(',')}}` : '';
}

export function createMetrics(): Metrics {
  const counters = new Map<string, number>();
  const hist = new Map<string, { counts: number[]; sum: number; n: number }>();
  const gauges = new Map<string, Map<string, number>>();
  const count = (name: string, labels: Record<string, string> = {}) => {
    const k = `${name}${renderLabels(labels)}`;
    counters.set(k, (counters.get(k) ?? 0) + 1);
  };
  return {
    count,
    counter(name, labels = {}) {
      const k = `${name}${renderLabels(labels)}`;
      return () => counters.set(k, (counters.get(k) ?? 0) + 1);
    },
    gauge(name, value, labels = {}) {
      let series = gauges.get(name);
      if (!series) gauges.set(name, (series = new Map<string, number>()));
      series.set(`${name}${renderLabels(labels)}`, value);
    },
    middleware: async function metricsMiddleware(ctx, next) {
      const started = performance.now();
      try {
        await next();
      } finally {
        const seconds = (performance.now() - started) / 1000;
        const route = routeLabel(ctx);
        count('gatehouse_http_requests_total', { route, status: `${Math.floor(ctx.status / 100)}xx` });
        let h = hist.get(route);
        if (!h) hist.set(route, (h = { counts: buckets.map(() => 0), sum: 0, n: 0 }));
        buckets.forEach((b, i) => {
          if (seconds <= b) h.counts[i] += 1;
        });
        h.sum += seconds;
        h.n += 1;
      }
    },
    render() {
      // One TYPE line per counter name, its series after it.
      const byName = new Map<string, string[]>();
      for (const [k, v] of counters) {
        const name = k.replace(/\{.*$/s, '');
        byName.set(name, [...(byName.get(name) ?? []), `${k} ${v}`]);
      }
      if (!byName.has('gatehouse_http_requests_total')) byName.set('gatehouse_http_requests_total', []);
      const lines: string[] = [];
      for (const [name, series] of byName) lines.push(`# TYPE ${name} counter`, ...series);
      for (const [name, series] of gauges) lines.push(`# TYPE ${name} gauge`, ...[...series].map(([k, v]) => `${k} ${v}`));
      lines.push('# TYPE gatehouse_http_request_duration_seconds histogram');
      for (const [route, h] of hist) {
        const r = escapeLabelValue(route);
        buckets.forEach((b, i) => lines.push(`gatehouse_http_request_duration_seconds_bucket{route="${r}",le="${b}"} ${h.counts[i]}`));
        lines.push(`gatehouse_http_request_duration_seconds_bucket{route="${r}",le="+Inf"} ${h.n}`);
        lines.push(`gatehouse_http_request_duration_seconds_sum{route="${r}"} ${h.sum}`);
        lines.push(`gatehouse_http_request_duration_seconds_count{route="${r}"} ${h.n}`);
      }
      const mem = process.memoryUsage();
      lines.push('# TYPE process_resident_memory_bytes gauge', `process_resident_memory_bytes ${mem.rss}`);
      lines.push('# TYPE nodejs_heap_size_used_bytes gauge', `nodejs_heap_size_used_bytes ${mem.heapUsed}`);
      lines.push('# TYPE nodejs_heap_size_total_bytes gauge', `nodejs_heap_size_total_bytes ${mem.heapTotal}`);
      lines.push('# TYPE nodejs_external_memory_bytes gauge', `nodejs_external_memory_bytes ${mem.external}`);
      return `${lines.join('\n')}\n`;
    },
  };
}

const digest = (value: string) => createHash('sha256').update(value).digest();

/**
 * Serves the metrics text. With a token, only `Authorization: Bearer <token>` gets it
 * (compared as SHA-256 digests in constant time, so neither content nor length leaks).
 */
export function metricsEndpoint(metrics: Metrics, token: string | undefined): Koa.Middleware {
  const expected = token === undefined ? undefined : digest(token);
  return function serveMetrics(ctx) {
    if (expected) {
      const match = /^Bearer +(\S+)\s*$/i.exec(ctx.get('Authorization'));
      if (!match || !timingSafeEqual(digest(match[1]), expected)) {
        throw new UnauthenticatedError('/metrics requires the METRICS_TOKEN bearer token.');
      }
    }
    ctx.type = 'text/plain; version=0.0.4';
    ctx.body = metrics.render();
  };
}

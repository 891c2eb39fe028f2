import type Koa from 'koa';

/** A few Prometheus series, rendered by hand: counters and a latency histogram per route group. */
export interface Metrics {
  middleware: Koa.Middleware;
  count(name: string, labels?: Record<string, string>): void;
  render(): string;
}

const buckets = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5];

function groupOf(path: string): string {
  if (path.startsWith('/oidc')) return path.split('/').slice(0, 3).join('/');
  if (path.startsWith('/api/authn/hasura')) return '/api/authn/hasura';
  if (path.startsWith('/api')) return '/api';
  if (path.startsWith('/sign-in')) return '/sign-in';
  if (path.startsWith('/console')) return '/console';
  return ['/health', '/ready', '/metrics'].includes(path) ? path : 'other';
}

export function createMetrics(): Metrics {
  const counters = new Map<string, number>();
  const hist = new Map<string, { counts: number[]; sum: number; n: number }>();
  const key = (name: string, labels: Record<string, string> = {}) =>
    `${name}{${Object.entries(labels).map(([k, v]) => `${k}="${v.replace(/["\\\n]/g, '_')}"`).join(',')}}`;
  const count = (name: string, labels?: Record<string, string>) => {
    const k = key(name, labels);
    counters.set(k, (counters.get(k) ?? 0) + 1);
  };
  return {
    count,
    middleware: async function metricsMiddleware(ctx, next) {
      const started = performance.now();
      try {
        await next();
      } finally {
        const seconds = (performance.now() - started) / 1000;
        const route = groupOf(ctx.path);
        count('gatehouse_http_requests_total', { route, status: `${Math.floor(ctx.status / 100)}xx` });
        let h = hist.get(route);
        if (!h) hist.set(route, (h = { counts: buckets.map(() => 0), sum: 0, n: 0 }));
        buckets.forEach((b, i) => {
          if (seconds <= b) h!.counts[i]! += 1;
        });
        h.sum += seconds;
        h.n += 1;
      }
    },
    render() {
      const lines = ['# TYPE gatehouse_http_requests_total counter'];
      for (const [k, v] of counters) lines.push(`${k.replace('{}', '')} ${v}`);
      lines.push('# TYPE gatehouse_http_request_duration_seconds histogram');
      for (const [route, h] of hist) {
        buckets.forEach((b, i) => lines.push(`gatehouse_http_request_duration_seconds_bucket{route="${route}",le="${b}"} ${h.counts[i]}`));
        lines.push(`gatehouse_http_request_duration_seconds_bucket{route="${route}",le="+Inf"} ${h.n}`);
        lines.push(`gatehouse_http_request_duration_seconds_sum{route="${route}"} ${h.sum}`);
        lines.push(`gatehouse_http_request_duration_seconds_count{route="${route}"} ${h.n}`);
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

import type Koa from 'koa';
import type { RequestFacts } from '../domain/request-facts.ts';

/**
 * The request facts an event records, read once from Koa's context into a plain value: the
 * token holder (set by requireToken), the client address (TRUST_PROXY-aware), the user
 * agent, and the operation (path, method, route template, params, success status).
 */
export function requestFactsOf(ctx: Koa.Context, route?: { path: string; status?: number }): RequestFacts {
  const principal = ctx.state.principal as { sub: string; clientId?: string } | undefined;
  const userAgent = ctx.get('User-Agent');
  return {
    ...(principal
      ? {
          actor:
            principal.clientId !== undefined && principal.sub === principal.clientId
              ? { type: 'application', id: principal.sub }
              : { type: 'user', id: principal.sub },
        }
      : {}),
    ip: ctx.ip,
    ...(userAgent ? { userAgent: userAgent.slice(0, 512) } : {}),
    path: ctx.path,
    method: ctx.method,
    ...(route ? { matchedRoute: route.path, status: route.status ?? 200 } : {}),
    ...(ctx.params && Object.keys(ctx.params as object).length > 0 ? { params: { ...(ctx.params as Record<string, string>) } } : {}),
  };
}

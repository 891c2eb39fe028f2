import type Koa from 'koa';
import { decideWebhookSession } from '../domain/rbac/hasura-session.ts';
import { parseRoleNameList } from '../domain/rbac/role-scopes.ts';
import { readJson } from '../http/body.ts';
import type { JwtCustomizerStore } from '../services/jwt-customizer.ts';
import { TokenRejected, type TokenVerifier } from '../services/token-verifier.ts';
import type { RouteDeps } from './context.ts';

/**
 * Hasura's authentication webhook (Logto's path and parameters):
 *   GET|POST /api/authn/hasura?resource=<indicator>&unauthorizedRole=<role>
 * GET: Hasura forwards the client's headers. POST: Hasura sends { headers, request }.
 * The role comes from `x-hasura-role` (Hasura's header) or `Expected-Role` (Logto's), else
 * the default role; it must be one of the holder's CURRENT roles for the resource (cached in
 * memory, invalidated on every change, across processes through the change bus).
 * Contract with Hasura (HASURA.md 5.4): 200 + object of strings, or 401. Never 200 {}.
 */
function headerOf(headers: Record<string, unknown>, name: string): string | undefined {
  for (const [k, v] of Object.entries(headers)) {
    if (k.toLowerCase() === name) return Array.isArray(v) ? String(v[0]) : typeof v === 'string' ? v : undefined;
  }
  return undefined;
}

export function hasuraWebhookRoutes(deps: RouteDeps & { verifier: TokenVerifier; jwtCustomizers: JwtCustomizerStore }): void {
  const { config } = deps;

  const deny = (ctx: Koa.Context, error: string, message: string) => {
    ctx.status = 401;
    ctx.body = { error, message };
  };

  async function hasuraWebhook(ctx: Koa.Context) {
    const resource = typeof ctx.query.resource === 'string' ? ctx.query.resource : undefined;
    const unauthorizedRole = typeof ctx.query.unauthorizedRole === 'string' && ctx.query.unauthorizedRole !== '' ? ctx.query.unauthorizedRole : undefined;
    if (!resource) {
      ctx.status = 400;
      ctx.body = { error: 'invalid_request', message: 'The query parameter resource=<API resource indicator> is required.' };
      return;
    }
    let headers: Record<string, unknown> = ctx.headers;
    if (ctx.method === 'POST') {
      const body = (await readJson(ctx)) as { headers?: unknown } | undefined;
      headers = body && typeof body.headers === 'object' && body.headers !== null ? (body.headers as Record<string, unknown>) : {};
    }
    const authorization = headerOf(headers, 'authorization');
    if (!authorization) {
      if (unauthorizedRole) {
        ctx.body = { 'X-Hasura-Role': unauthorizedRole };
        return;
      }
      return deny(ctx, 'unauthenticated', 'No Authorization header, and no unauthorizedRole is configured.');
    }
    const match = /^Bearer\s+(\S+)$/i.exec(authorization);
    if (!match) return deny(ctx, 'invalid_token', 'The Authorization header must be "Bearer <access token>".');
    let token;
    try {
      token = await deps.verifier.verify(match[1]!, resource);
    } catch (error) {
      if (error instanceof TokenRejected) return deny(ctx, error.reason, error.message);
      throw error;
    }
    const machine = token.clientId !== undefined && token.sub === token.clientId;
    const kind = machine ? 'application' : 'user';
    if (!(await deps.access.isActive(kind, token.sub))) return deny(ctx, 'inactive', 'The token holder no longer exists or is suspended.');
    const preset = await deps.jwtCustomizers.get(machine ? 'client-credentials' : 'access-token');
    const decision = decideWebhookSession({
      subject: token.sub,
      roles: await deps.access.rolesOf(kind, token.sub),
      resource,
      requestedRole: headerOf(headers, 'x-hasura-role') || headerOf(headers, 'expected-role'),
      preferredDefaults: parseRoleNameList(preset?.environmentVariables.USER_DEFAULT_ROLE_NAMES),
      expiresAt: token.exp,
      now: Date.now() / 1000,
      cacheSeconds: config.hasuraWebhookCacheSeconds,
    });
    if (!decision.ok) return deny(ctx, decision.error, decision.message);
    ctx.body = decision.body;
  }

  deps.router.get('/api/authn/hasura', hasuraWebhook);
  deps.router.post('/api/authn/hasura', hasuraWebhook);
}

import type { IncomingMessage, ServerResponse } from 'node:http';
import { findBadJson, urlHasNul } from '../http/input-checks.ts';
import { decideWebhookSession } from '../domain/hasura/webhook-session.ts';
import { parseRoleNameList } from '../domain/rbac/role-scopes.ts';
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
 *
 * Hasura calls this on every request, so server.ts serves it straight from node:http
 * (`handleNode`), ahead of the Koa stack.
 */
export const HASURA_WEBHOOK_PATH = '/api/authn/hasura';

export interface WebhookRequest {
  method: string;
  resource: string | undefined;
  unauthorizedRole: string | undefined;
  headers: Record<string, unknown>;
}

export interface WebhookReply {
  status: number;
  body: Record<string, string>;
}

function headerOf(headers: Record<string, unknown>, name: string): string | undefined {
  const direct = headers[name];
  if (typeof direct === 'string') return direct;
  for (const [k, v] of Object.entries(headers)) {
    if (k.toLowerCase() === name) return Array.isArray(v) ? String(v[0]) : typeof v === 'string' ? v : undefined;
  }
  return undefined;
}

const deny = (error: string, message: string): WebhookReply => ({ status: 401, body: { error, message } });

export function createHasuraWebhook(deps: RouteDeps & { verifier: TokenVerifier; jwtCustomizers: JwtCustomizerStore }) {
  const { config } = deps;

  async function decide(req: WebhookRequest): Promise<WebhookReply> {
    if (!req.resource) {
      return {
        status: 400,
        body: { error: 'invalid_request', message: 'The query parameter resource=<API resource indicator> is required.' },
      };
    }
    const authorization = headerOf(req.headers, 'authorization');
    if (!authorization) {
      if (req.unauthorizedRole) return { status: 200, body: { 'X-Hasura-Role': req.unauthorizedRole } };
      return deny('unauthenticated', 'No Authorization header, and no unauthorizedRole is configured.');
    }
    const match = /^Bearer\s+(\S+)$/i.exec(authorization);
    if (!match) return deny('invalid_token', 'The Authorization header must be "Bearer <access token>".');
    let token;
    try {
      token = await deps.verifier.verify(match[1]!, req.resource);
    } catch (error) {
      if (error instanceof TokenRejected) return deny(error.reason, error.message);
      throw error;
    }
    const machine = token.clientId !== undefined && token.sub === token.clientId;
    const kind = machine ? 'application' : 'user';
    if (!(await deps.access.isActive(kind, token.sub))) return deny('inactive', 'The token holder no longer exists or is suspended.');
    const preset = await deps.jwtCustomizers.get(machine ? 'client-credentials' : 'access-token');
    const decision = decideWebhookSession({
      subject: token.sub,
      roles: await deps.access.rolesOf(kind, token.sub),
      resource: req.resource,
      requestedRole: headerOf(req.headers, 'x-hasura-role') || headerOf(req.headers, 'expected-role'),
      preferredDefaults: parseRoleNameList(preset?.environmentVariables.USER_DEFAULT_ROLE_NAMES),
      expiresAt: token.exp,
      now: Date.now() / 1000,
      cacheSeconds: config.hasuraWebhookCacheSeconds,
    });
    return decision.ok ? { status: 200, body: decision.body } : deny(decision.error, decision.message);
  }

  const postedHeaders = (body: unknown): Record<string, unknown> => {
    const headers = (body as { headers?: unknown } | undefined)?.headers;
    return typeof headers === 'object' && headers !== null ? (headers as Record<string, unknown>) : {};
  };

  async function readNodeBody(req: IncomingMessage): Promise<unknown> {
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of req) {
      size += (chunk as Buffer).length;
      if (size > 1024 * 1024) throw Object.assign(new Error('The request body is larger than 1 MiB.'), { status: 413 });
      chunks.push(chunk as Buffer);
    }
    const text = Buffer.concat(chunks).toString('utf8');
    if (text.trim() === '') return undefined;
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      throw Object.assign(new Error('The request body is not valid JSON.'), { status: 400 });
    }
    if (findBadJson(body))
      throw Object.assign(new Error('The request body must not contain NUL characters or deeply nested values.'), { status: 400 });
    return body;
  }

  /** The node:http fast path (no Koa, no router): parse, decide, answer. */
  async function handleNode(req: IncomingMessage, res: ServerResponse): Promise<void> {
    let reply: WebhookReply;
    try {
      if (req.method !== 'GET' && req.method !== 'POST') {
        reply = { status: 405, body: { error: 'method_not_allowed', message: 'Use GET or POST.' } };
      } else if (urlHasNul(req.url ?? '')) {
        reply = { status: 400, body: { error: 'invalid_request', message: 'The request URL must not contain NUL characters (%00).' } };
      } else {
        const url = new URL(req.url ?? '/', 'http://localhost');
        const unauthorizedRole = url.searchParams.get('unauthorizedRole') || undefined;
        const headers = req.method === 'POST' ? postedHeaders(await readNodeBody(req)) : req.headers;
        reply = await decide({ method: req.method, resource: url.searchParams.get('resource') ?? undefined, unauthorizedRole, headers });
      }
    } catch (error) {
      const status = (error as { status?: number }).status;
      if (status && status < 500) reply = { status, body: { error: 'invalid_request', message: (error as Error).message } };
      else {
        deps.logger.error({ err: error }, 'hasura webhook failed');
        reply = { status: 500, body: { error: 'internal', message: 'An unexpected error occurred.' } };
      }
    }
    const json = JSON.stringify(reply.body);
    res.writeHead(reply.status, {
      'content-type': 'application/json; charset=utf-8',
      'content-length': Buffer.byteLength(json),
      'cache-control': 'no-store',
    });
    res.end(json);
  }

  return { decide, handleNode };
}

import type { IncomingMessage, ServerResponse } from 'node:http';
import { AppError, PayloadTooLargeError, ValidationError } from '../domain/errors.ts';
import { findBadJson, urlHasNul } from '../http/input-checks.ts';
import { httpStatusOf } from '../http/problem.ts';
import { jsonSecurityHeaders } from '../oidc/documents.ts';
import { decideHasuraWebhook, type HasuraWebhookDeps, type WebhookReply } from '../services/hasura-webhook.ts';
import type { RouteDeps } from './context.ts';

/**
 * Hasura's authentication webhook (Logto's path and parameters):
 *   GET|POST /api/authn/hasura?resource=<indicator>&unauthorizedRole=<role>
 * GET: Hasura forwards the client's headers. POST: Hasura sends { headers, request }.
 * The decision is services/hasura-webhook.ts; this file parses the request and writes the reply.
 *
 * Hasura calls this on every request, so server.ts serves it straight from node:http
 * (`handleNode`), ahead of the Koa stack.
 */
export const HASURA_WEBHOOK_PATH = '/api/authn/hasura';

/** The query of a request target: no need to parse a whole URL against a made-up base. */
function queryOf(target: string): URLSearchParams {
  const start = target.indexOf('?');
  if (start < 0) return new URLSearchParams();
  const end = target.indexOf('#', start);
  return new URLSearchParams(end < 0 ? target.slice(start + 1) : target.slice(start + 1, end));
}

export function createHasuraWebhook(deps: RouteDeps & Pick<HasuraWebhookDeps, 'verifier' | 'jwtCustomizers'>) {
  const postedHeaders = (body: unknown): Record<string, unknown> => {
    const headers = (body as { headers?: unknown } | undefined)?.headers;
    return typeof headers === 'object' && headers !== null ? (headers as Record<string, unknown>) : {};
  };

  async function readNodeBody(req: IncomingMessage): Promise<unknown> {
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of req) {
      size += (chunk as Buffer).length;
      if (size > 1024 * 1024) throw new PayloadTooLargeError('The request body is larger than 1 MiB.');
      chunks.push(chunk as Buffer);
    }
    const text = Buffer.concat(chunks).toString('utf8');
    if (text.trim() === '') return undefined;
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      throw new ValidationError('The request body is not valid JSON.');
    }
    if (findBadJson(body)) throw new ValidationError('The request body must not contain NUL characters or deeply nested values.');
    return body;
  }

  const replyHeaders = Object.entries({
    'Content-Type': 'application/json; charset=utf-8',
    'Cache-Control': 'no-store',
    ...jsonSecurityHeaders(deps.config.endpoint),
  }).flat();

  /** The node:http fast path (no Koa, no router): parse, decide, answer. */
  async function handleNode(req: IncomingMessage, res: ServerResponse): Promise<void> {
    let reply: WebhookReply;
    try {
      if (req.method !== 'GET' && req.method !== 'POST') {
        reply = { status: 405, body: { error: 'method_not_allowed', message: 'Use GET or POST.' } };
      } else if (urlHasNul(req.url ?? '')) {
        reply = { status: 400, body: { error: 'invalid_request', message: 'The request URL must not contain NUL characters (%00).' } };
      } else {
        const query = queryOf(req.url ?? '');
        const unauthorizedRole = query.get('unauthorizedRole') || undefined;
        const headers = req.method === 'POST' ? postedHeaders(await readNodeBody(req)) : req.headers;
        reply = await decideHasuraWebhook(deps, { resource: query.get('resource') ?? undefined, unauthorizedRole, headers });
      }
    } catch (error) {
      const status = error instanceof AppError ? httpStatusOf(error) : 500;
      if (error instanceof AppError && status < 500) reply = { status, body: { error: 'invalid_request', message: error.message } };
      else {
        deps.logger.error({ err: error }, 'hasura webhook failed');
        reply = { status: 500, body: { error: 'internal', message: 'An unexpected error occurred.' } };
      }
    }
    // A string body goes out with the head in one write; the header list is built once.
    const json = JSON.stringify(reply.body);
    res.writeHead(reply.status, [...replyHeaders, 'Content-Length', String(Buffer.byteLength(json))]);
    res.end(json);
  }

  return { handleNode };
}

import type { IncomingMessage, ServerResponse } from 'node:http';
import { AppError, PayloadTooLargeError, ValidationError } from '../domain/errors.ts';
import { findBadJson, urlHasNul } from '../http/input-checks.ts';
import { httpStatusOf } from '../http/problem.ts';
import { jsonSecurityHeaders } from '../oidc/documents.ts';
import { decideHasuraWebhook, headerLookup, type HasuraWebhookDeps, type WebhookReply } from '../services/hasura-webhook.ts';
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

interface WebhookQuery {
  nul: boolean;
  resource: string | undefined;
  unauthorizedRole: string | undefined;
}

/** The query of a request target: no need to parse a whole URL against a made-up base. */
function parseTarget(target: string): WebhookQuery {
  const start = target.indexOf('?');
  const end = start < 0 ? -1 : target.indexOf('#', start);
  const query = new URLSearchParams(start < 0 ? '' : end < 0 ? target.slice(start + 1) : target.slice(start + 1, end));
  return {
    nul: urlHasNul(target),
    resource: query.get('resource') ?? undefined,
    unauthorizedRole: query.get('unauthorizedRole') || undefined,
  };
}

export function createHasuraWebhook(deps: RouteDeps & Pick<HasuraWebhookDeps, 'verifier' | 'jwtCustomizers'>) {
  const postedHeaders = (body: unknown): Record<string, unknown> => {
    const headers = (body as { headers?: unknown } | undefined)?.headers;
    return typeof headers === 'object' && headers !== null ? headerLookup(headers as Record<string, unknown>) : {};
  };
  // Hasura calls with one URL (its configured webhook) every time: the last one is parsed once.
  let lastTarget: string | undefined;
  let lastQuery: WebhookQuery | undefined;
  const queryOf = (target: string): WebhookQuery => {
    if (target !== lastTarget || !lastQuery) {
      lastQuery = parseTarget(target);
      lastTarget = target;
    }
    return lastQuery;
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

  const failure = (error: unknown): WebhookReply => {
    const status = error instanceof AppError ? httpStatusOf(error) : 500;
    if (error instanceof AppError && status < 500) return { status, body: { error: 'invalid_request', message: error.message } };
    deps.logger.error({ err: error }, 'hasura webhook failed');
    return { status: 500, body: { error: 'internal', message: 'An unexpected error occurred.' } };
  };

  const send = (res: ServerResponse, reply: WebhookReply): void => {
    // A string body goes out with the head in one write; the header list is built once.
    const json = JSON.stringify(reply.body);
    res.writeHead(reply.status, [...replyHeaders, 'Content-Length', String(Buffer.byteLength(json))]);
    res.end(json);
  };

  const decidePosted = async (req: IncomingMessage, query: WebhookQuery): Promise<WebhookReply> =>
    decideHasuraWebhook(deps, {
      resource: query.resource,
      unauthorizedRole: query.unauthorizedRole,
      headers: postedHeaders(await readNodeBody(req)),
    });

  /**
   * The node:http fast path (no Koa, no router): parse, decide, answer. Synchronous when the
   * decision is (the steady state); a promise when something had to be loaded or read.
   */
  function handleNode(req: IncomingMessage, res: ServerResponse): Promise<void> | undefined {
    let reply: WebhookReply | Promise<WebhookReply>;
    try {
      if (req.method !== 'GET' && req.method !== 'POST') {
        reply = { status: 405, body: { error: 'method_not_allowed', message: 'Use GET or POST.' } };
      } else {
        const query = queryOf(req.url ?? '');
        if (query.nul) {
          reply = { status: 400, body: { error: 'invalid_request', message: 'The request URL must not contain NUL characters (%00).' } };
        } else if (req.method === 'POST') {
          reply = decidePosted(req, query);
        } else {
          reply = decideHasuraWebhook(deps, { resource: query.resource, unauthorizedRole: query.unauthorizedRole, headers: req.headers });
        }
      }
    } catch (error) {
      reply = failure(error);
    }
    if (reply instanceof Promise) {
      return reply.then(
        (r) => send(res, r),
        (error: unknown) => send(res, failure(error)),
      );
    }
    send(res, reply);
    return undefined;
  }

  return { handleNode };
}

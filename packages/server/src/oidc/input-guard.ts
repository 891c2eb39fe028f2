import type { IncomingMessage } from 'node:http';
import { Readable } from 'node:stream';
import type Koa from 'koa';
import { findBadJson, urlHasNul } from '../http/input-checks.ts';

/** oidc-provider's own body limit (lib/shared/selective_body.js); larger bodies are its to refuse. */
const PROVIDER_BODY_LIMIT = 56 * 1024;

/**
 * oidc-provider reads the request itself (selective_body.js: `req.readable`, then
 * `req.iterator()`). Having read the body to check it, hand the same bytes back through
 * those two members: its fallback for an already-read body works but warns on the console.
 */
function replay(req: IncomingMessage, body: Buffer): void {
  Object.defineProperty(req, 'readable', { value: true, configurable: true });
  Object.defineProperty(req, 'iterator', {
    value: (options?: { destroyOnReturn?: boolean }) => Readable.from(body.length > 0 ? [body] : []).iterator(options),
    configurable: true,
  });
}

async function readUpTo(req: IncomingMessage, limit: number): Promise<Buffer | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req.iterator({ destroyOnReturn: false })) {
    size += (chunk as Buffer).length;
    if (size > limit) return undefined;
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks, size);
}

function bodyHasNul(type: string, body: Buffer): boolean {
  if (body.includes(0)) return true;
  const text = body.toString('utf8');
  if (type === 'application/x-www-form-urlencoded') return urlHasNul(text);
  try {
    return findBadJson(JSON.parse(text), Infinity)?.problem === 'nul';
  } catch {
    return false; // malformed JSON is oidc-provider's to refuse
  }
}

/** HTTP Basic client credentials decode to `id:secret`, each form-encoded (RFC 6749 2.3.1). */
function basicAuthHasNul(authorization: string): boolean {
  const match = /^Basic\s+(\S+)$/i.exec(authorization);
  if (!match) return false;
  const decoded = Buffer.from(match[1], 'base64');
  return decoded.includes(0) || urlHasNul(decoded.toString('latin1'));
}

/**
 * Refuses OAuth/OIDC requests carrying a NUL in the query, the Basic credentials or in a form/JSON body with
 * `invalid_request`, before oidc-provider looks up clients, codes or tokens by them
 * (PostgreSQL cannot compare text holding a NUL: it would be a 500). Installed with
 * `provider.use()`, so the error is shaped like the provider's own (and gets Logto's fields).
 */
export function refuseNulParams() {
  return async function nulParams(ctx: Koa.Context, next: () => Promise<unknown>): Promise<void> {
    let nul = urlHasNul(ctx.url) || basicAuthHasNul(ctx.get('authorization'));
    const type = ctx.request.type;
    if (!nul && ctx.method === 'POST' && (type === 'application/x-www-form-urlencoded' || type === 'application/json')) {
      if (ctx.request.length === undefined || ctx.request.length <= PROVIDER_BODY_LIMIT) {
        const body = await readUpTo(ctx.req, PROVIDER_BODY_LIMIT);
        if (body === undefined) {
          ctx.set('Connection', 'close');
          ctx.status = 413;
          ctx.body = { error: 'invalid_request', error_description: 'the request body is too large' };
          return;
        }
        nul = bodyHasNul(type, body);
        replay(ctx.req, body);
      }
    }
    if (nul) {
      ctx.status = 400;
      ctx.set('Cache-Control', 'no-store');
      ctx.body = { error: 'invalid_request', error_description: 'parameters must not contain NUL characters (%00)' };
      return;
    }
    await next();
  };
}

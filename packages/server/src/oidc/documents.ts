import { createHash } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';

export const JWKS_PATH = '/oidc/jwks';
export const DISCOVERY_PATH = '/oidc/.well-known/openid-configuration';

/**
 * A JSON document that changes only with the key set (the JWKS, the discovery document),
 * serialised once: its bytes, its ETag and its response headers. Hasura and every API fetch
 * these, so server.ts answers them straight from node:http (`serveDocument`), like the Hasura
 * webhook; the Koa path (oidc/runtime.ts) answers the same headers for any other URL form.
 */
export interface ConstantDocument {
  readonly body: Buffer;
  readonly etag: string;
  readonly contentType: string;
  /** Headers of the 200 and of the 304 besides the content ones (Cache-Control, ETag, CORS). */
  readonly headers: Readonly<Record<string, string>>;
  /** node:http's flat [name, value, ...] header lists, security headers included. */
  readonly ok: readonly string[];
  readonly notModified: readonly string[];
}

const etagOf = (body: string) => `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`;

/** What the Koa stack's securityHeaders() adds to a JSON answer. */
export function jsonSecurityHeaders(endpoint: string): Record<string, string> {
  return {
    'X-Content-Type-Options': 'nosniff',
    ...(endpoint.startsWith('https:') ? { 'Strict-Transport-Security': 'max-age=31536000; includeSubDomains' } : {}),
  };
}

export function constantDocument(input: {
  body: string;
  contentType: string;
  cacheControl?: string;
  security: Readonly<Record<string, string>>;
}): ConstantDocument {
  const body = Buffer.from(input.body);
  const etag = etagOf(input.body);
  const headers = {
    ...(input.cacheControl ? { 'Cache-Control': input.cacheControl } : {}),
    ETag: etag,
    // Discovery and the JWKS are public: any origin may read them (oidc-provider does the same).
    'Access-Control-Allow-Origin': '*',
  };
  const flat = (h: Record<string, string>) => Object.entries(h).flat();
  return {
    body,
    etag,
    contentType: input.contentType,
    headers,
    ok: flat({ ...headers, ...input.security, 'Content-Type': input.contentType, 'Content-Length': String(body.length) }),
    notModified: flat({ ...headers, ...input.security }),
  };
}

/** GET/HEAD of the document: 304 when If-None-Match names its ETag, else 200 with the bytes. */
export function serveDocument(req: IncomingMessage, res: ServerResponse, doc: ConstantDocument): void {
  if (req.headers['if-none-match'] === doc.etag) {
    res.writeHead(304, doc.notModified as string[]);
    res.end();
    return;
  }
  res.writeHead(200, doc.ok as string[]);
  if (req.method === 'HEAD') res.end();
  else res.end(doc.body);
}

/**
 * What Hasura v2 makes of an authentication webhook's reply (HASURA.md §5.4–5.5;
 * `mkUserInfoFromResp`). Used to hold our own `/api/authn/hasura` replies to Hasura's rules.
 *
 * Invariants: only status 200 authenticates; the role is the body key `x-hasura-role` in any
 * case; every body key becomes a session variable; expiry comes from body keys, not headers.
 */
import { findMaxAge, parseCacheControl, parseExpires } from './cache-control.ts';
import { aesonKeyPath, aesonMismatch, type HasuraDecision, reject } from './errors.ts';
import { finishSession } from './request-headers.ts';

export interface WebhookReply {
  /** The HTTP status; ignored when `transportError` is set. */
  status: number;
  /** The parsed JSON body, or the raw body text (a string is always treated as raw text). */
  body: unknown;
  /** The request failed before any reply (connection refused, timeout). */
  transportError?: boolean;
  /** Seconds since the epoch, for `Cache-Control: max-age` in the body. */
  now?: number;
}

const INVALID = 'Invalid response from authorization hook';

function parseBody(body: unknown): { ok: true; value: unknown } | { ok: false } {
  if (typeof body !== 'string') return { ok: true, value: body };
  try {
    return { ok: true, value: JSON.parse(body) };
  } catch {
    return { ok: false };
  }
}

export function decideWebhookResponse(reply: WebhookReply): HasuraDecision {
  if (reply.transportError) return reject(500, 'unexpected', 'webhook authentication request failed', 'webhook-transport');
  if (reply.status === 401) return reject(401, 'access-denied', 'Authentication hook unauthorized this request', 'webhook-status');
  // Any other 2xx, an unfollowed 3xx, 403 and 5xx are all the same to Hasura.
  if (reply.status !== 200) return reject(500, 'unexpected', INVALID, 'webhook-status');

  const parsed = parseBody(reply.body);
  if (!parsed.ok) return reject(500, 'unexpected', `${INVALID}: Error in $: Failed reading: not a valid json value`, 'webhook-body', true);
  const body = parsed.value;
  if (body === null || typeof body !== 'object' || Array.isArray(body)) {
    return reject(500, 'unexpected', `${INVALID}: Error in $: ${aesonMismatch('HashMap', 'Object', body)}`, 'webhook-body', true);
  }
  const object = body as Record<string, unknown>;
  // aeson walks the object in key order and reports the first non-string value.
  const keys = Object.keys(object).sort();
  for (const key of keys) {
    if (typeof object[key] !== 'string') {
      return reject(
        500,
        'unexpected',
        `${INVALID}: Error in $${aesonKeyPath(key)}: ${aesonMismatch('Text', 'String', object[key])}`,
        'webhook-body',
      );
    }
  }

  // Every key, lower-cased, is a session variable, `x-hasura-` prefix or not (§5.4).
  const variables: Record<string, string> = {};
  for (const key of keys) variables[key.toLowerCase()] = object[key] as string;
  const role = variables['x-hasura-role'];
  if (role === undefined || role === '') {
    return reject(400, 'invalid-params', 'x-hasura-role not found in session variables', 'webhook-role');
  }
  const decision: HasuraDecision = { accepted: true, role, session: finishSession(variables, role) };
  const expiresAt = expiryFromBody(object as Record<string, string>, reply.now ?? Date.now() / 1000);
  if (expiresAt !== undefined) decision.expiresAt = expiresAt;
  return decision;
}

/** `"Cache-Control"` then `"Expires"`, as exact (case-sensitive) body keys (§5.5). */
function expiryFromBody(body: Record<string, string>, now: number): number | undefined {
  const cacheControl = body['Cache-Control'];
  if (cacheControl !== undefined) {
    const directives = parseCacheControl(cacheControl);
    const maxAge = directives ? findMaxAge(directives) : undefined;
    if (maxAge !== undefined && !Number.isNaN(maxAge)) return now + maxAge;
  }
  const expires = body.Expires;
  return expires === undefined ? undefined : parseExpires(expires);
}

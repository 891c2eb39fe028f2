import type Koa from 'koa';
import { ValidationError } from '../domain/errors.ts';

/**
 * Input no route can use, refused before it reaches a handler or the database:
 * - NUL (U+0000): PostgreSQL text cannot hold it (22021), so a NUL anywhere would end as a
 *   500 there; no identifier, name or parameter of ours has a use for it on either database.
 * - JSON nested deeper than MAX_JSON_DEPTH: nothing we accept is that deep, and walking,
 *   copying or serialising such values costs stack.
 */
const MAX_JSON_DEPTH = 64;

/** A raw URL (path and query) that decodes to a NUL: `%00`, or a literal NUL byte. */
export function urlHasNul(url: string): boolean {
  return url.includes('\u0000') || /%00/i.test(url);
}

/**
 * The path (`a.b.0`) of the first string or key holding a NUL, or of the first value nested
 * deeper than `maxDepth`, in a parsed JSON value; undefined when there is none. Iterative,
 * so any depth JSON.parse accepts is walked without recursion.
 */
export function findBadJson(value: unknown, maxDepth = MAX_JSON_DEPTH): { path: string; problem: 'nul' | 'depth' } | undefined {
  const stack: Array<{ value: unknown; path: string[] }> = [{ value, path: [] }];
  while (stack.length > 0) {
    const { value: v, path } = stack.pop()!;
    if (typeof v === 'string') {
      if (v.includes('\u0000')) return { path: path.join('.'), problem: 'nul' };
      continue;
    }
    if (v === null || typeof v !== 'object') continue;
    // The first few segments name the field; the full path would be maxDepth segments long.
    if (path.length >= maxDepth) return { path: `${path.slice(0, 3).join('.')}…`, problem: 'depth' };
    for (const [key, child] of Object.entries(v)) {
      if (key.includes('\u0000')) return { path: [...path, key.replaceAll('\u0000', '\\u0000')].join('.'), problem: 'nul' };
      stack.push({ value: child, path: [...path, key] });
    }
  }
  return undefined;
}

/** Throws the 400 for a JSON body `findBadJson` objects to, naming the field. */
export function assertCleanJson(value: unknown): void {
  const bad = findBadJson(value);
  if (!bad) return;
  const path = bad.path || '(root)';
  const message = bad.problem === 'nul' ? 'must not contain NUL characters (\\u0000)' : `is nested deeper than ${MAX_JSON_DEPTH} levels`;
  throw new ValidationError(`Invalid body: ${path}: ${message}`, [{ path: bad.path, message }]);
}

/** Throws the 400 for form fields holding a NUL. */
export function assertCleanForm(form: URLSearchParams): void {
  for (const [key, value] of form) {
    if (key.includes('\u0000') || value.includes('\u0000')) {
      throw new ValidationError(`Invalid form: ${key.replaceAll('\u0000', '\\u0000')}: must not contain NUL characters`, [
        { path: key.replaceAll('\u0000', '\\u0000'), message: 'must not contain NUL characters' },
      ]);
    }
  }
}

/**
 * Refuses a URL holding a NUL with a problem+json 400, ahead of every route but /oidc
 * (oidc-provider answers its own OAuth errors: oidc/input-guard.ts) and the Hasura webhook
 * (served ahead of Koa: routes/hasura-webhook.ts).
 */
export function refuseNulInUrl(): Koa.Middleware {
  return async function nulInUrl(ctx, next) {
    if (!ctx.path.startsWith('/oidc') && urlHasNul(ctx.url)) {
      throw new ValidationError('The request URL must not contain NUL characters (%00).', [
        { path: 'url', message: 'must not contain %00' },
      ]);
    }
    await next();
  };
}

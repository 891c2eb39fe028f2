/**
 * When Hasura refetches a `jwk_url`, decided from the JWKS response's HTTP headers
 * (HASURA.md §4.2; `determineJwkExpiryLifetime`). A poller wakes every second and refetches
 * once the expiry has passed; `kid` never triggers a refetch (§4.1).
 */
import { findMaxAge, hasBareDirective, parseCacheControl, parseExpires } from './cache-control.ts';

export interface JwksRefreshPlan {
  /** Seconds until Hasura refetches: 0 means on the next poll (every second); null means never. */
  refreshAfterSeconds: number | null;
  source: 'cache-control' | 'expires' | 'none';
  reason: string;
  /** An unparsable header is only logged: Hasura keeps the expiry it had (none at startup). */
  keepsPreviousExpiry?: true;
}

type HeaderSource = Record<string, string | string[] | undefined> | { get(name: string): string | null };

function firstHeader(headers: HeaderSource, name: string): string | undefined {
  if (typeof (headers as { get?: unknown }).get === 'function') {
    return (headers as { get(name: string): string | null }).get(name) ?? undefined;
  }
  for (const [key, value] of Object.entries(headers as Record<string, string | string[] | undefined>)) {
    if (key.toLowerCase() !== name.toLowerCase() || value === undefined) continue;
    return Array.isArray(value) ? value[0] : value;
  }
  return undefined;
}

const unparsable = (source: JwksRefreshPlan['source'], reason: string): JwksRefreshPlan => ({
  refreshAfterSeconds: null,
  source,
  reason: `${reason}; Hasura logs it and keeps its previous expiry (at startup there is none, so the keys are not refreshed)`,
  keepsPreviousExpiry: true,
});

export function jwksRefreshPlan(headers: HeaderSource, now: number = Date.now() / 1000): JwksRefreshPlan {
  const cacheControl = firstHeader(headers, 'cache-control');
  if (cacheControl !== undefined) {
    const directives = parseCacheControl(cacheControl);
    if (!directives) return unparsable('cache-control', `Cache-Control ${JSON.stringify(cacheControl)} cannot be parsed`);
    const maxAge = findMaxAge(directives);
    if (Number.isNaN(maxAge)) return unparsable('cache-control', 'could not parse max-age/s-maxage value');
    if (hasBareDirective(directives, 'must-revalidate')) {
      return maxAge === undefined
        ? { refreshAfterSeconds: 0, source: 'cache-control', reason: 'must-revalidate without max-age: refetched every second' }
        : { refreshAfterSeconds: maxAge, source: 'cache-control', reason: `must-revalidate with max-age=${maxAge}` };
    }
    if (hasBareDirective(directives, 'no-cache') || hasBareDirective(directives, 'no-store')) {
      return { refreshAfterSeconds: 0, source: 'cache-control', reason: 'no-cache/no-store: refetched every second' };
    }
    if (maxAge !== undefined) {
      return { refreshAfterSeconds: maxAge, source: 'cache-control', reason: `max-age/s-maxage=${maxAge}` };
    }
    // Cache-Control without an expiry directive: Hasura falls through to Expires.
  }
  const expires = firstHeader(headers, 'expires');
  if (expires !== undefined) {
    const at = parseExpires(expires);
    if (at === undefined) return unparsable('expires', 'Value of Expires header is not a valid timestamp');
    const after = Math.max(0, at - now);
    return {
      refreshAfterSeconds: after,
      source: 'expires',
      reason: `Expires ${expires}${after === 0 ? ' is past: refetched every second' : ''}`,
    };
  }
  return {
    refreshAfterSeconds: null,
    source: 'none',
    reason: 'neither Cache-Control max-age nor Expires: the keys fetched at startup are never refreshed',
  };
}

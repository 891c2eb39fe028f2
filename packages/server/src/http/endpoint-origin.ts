import type Koa from 'koa';

/**
 * Every URL the server publishes (discovery, redirects, form actions) is built from ENDPOINT,
 * never from what a request claims about itself. Koa and oidc-provider build absolute URLs
 * from `request.protocol`, `request.host` and `request.href`, which come from `Host`,
 * `X-Forwarded-Host`/`-Proto` (when proxied) or an absolute-form request target; one forged
 * request could otherwise fill a cache, or a redirect, with an attacker's host.
 *
 * Invariants:
 * - `protocol`, `host`, `href` and `URL` of every request of a pinned app are ENDPOINT's,
 *   whatever the request says; so is `secure` (cookies are Secure when ENDPOINT is https,
 *   also behind a TLS-terminating proxy that is not trusted).
 * - Only the origin is pinned: the path and query are still the request's.
 * - The client address (`ip`, from X-Forwarded-For when TRUST_PROXY) is left alone.
 *
 * oidc-provider is its own Koa application and builds contexts of its own from the raw
 * request (cookies, interactions), so both our app and every provider instance are pinned.
 */
export function pinToEndpoint(app: Koa, endpoint: string): void {
  const base = new URL(endpoint);
  const protocol = base.protocol.slice(0, -1);
  const { host, origin } = base;
  const pathOf = (originalUrl: string | undefined) => {
    const url = originalUrl ?? '';
    // An absolute-form target (`GET http://other/path`): keep only its path and query.
    if (/^[a-z][a-z0-9+.-]*:\/\//i.test(url)) {
      try {
        const parsed = new URL(url);
        return `${parsed.pathname}${parsed.search}`;
      } catch {
        return '/';
      }
    }
    return url.startsWith('/') ? url : `/${url}`;
  };
  Object.defineProperties(app.request, {
    protocol: { configurable: true, get: () => protocol },
    host: { configurable: true, get: () => host },
    href: {
      configurable: true,
      get(this: Koa.Request) {
        return `${origin}${pathOf(this.originalUrl)}`;
      },
    },
    URL: {
      configurable: true,
      get(this: Koa.Request) {
        // Concatenated, not resolved: a target such as `//other/path` must stay a path.
        try {
          return new URL(`${origin}${pathOf(this.originalUrl)}`);
        } catch {
          return Object.create(null) as URL; // what Koa answers for an unparsable URL
        }
      },
    },
  });
}

/** Whether every absolute URL in a JSON value is under ENDPOINT (a last check before caching). */
export function allUrlsUnder(value: unknown, endpoint: string): boolean {
  if (typeof value === 'string') return !/^[a-z][a-z0-9+.-]*:\/\//i.test(value) || value.startsWith(`${endpoint}/`);
  if (Array.isArray(value)) return value.every((v) => allUrlsUnder(v, endpoint));
  if (value && typeof value === 'object') return Object.values(value).every((v) => allUrlsUnder(v, endpoint));
  return true;
}

import type { IncomingMessage, ServerResponse } from 'node:http';
import { createLocalJWKSet, type JWTVerifyGetKey } from 'jose';
import type Koa from 'koa';
import mount from 'koa-mount';
import type { Provider } from 'oidc-provider';
import type { ApplicationDirectory } from '../services/application-directory.ts';
import type { ServiceDeps } from '../services/deps.ts';
import { loadKeySet, type KeySet } from '../services/signing-keys.ts';
import { constantDocument, DISCOVERY_PATH, JWKS_PATH, jsonSecurityHeaders, serveDocument, type ConstantDocument } from './documents.ts';
import { logtoErrorFields } from './error-fields.ts';
import { auditProviderEvents, logProviderEvents } from './events.ts';
import { refuseNulParams } from './input-guard.ts';
import { jwtIntrospection } from './jwt-introspection.ts';
import { createProvider, type ProviderHooks } from './provider.ts';
import { allUrlsUnder, pinToEndpoint } from '../http/endpoint-origin.ts';

export interface OidcRuntime {
  /** Koa middleware for everything under /oidc. */
  middleware: Koa.Middleware;
  /**
   * node:http fast path (server.ts): answers GET/HEAD of exactly /oidc/jwks, and of the
   * discovery URL once its document is cached; returns false for anything else.
   */
  serveDocument(req: IncomingMessage, res: ServerResponse): boolean;
  provider(): Provider;
  keySet(): KeySet;
  /** Verifies tokens this server signed (signing, next and retiring keys). */
  verificationKeys(): JWTVerifyGetKey;
  reload(): Promise<void>;
  close(): void;
}

interface Built {
  provider: Provider;
  mounted: Koa.Middleware;
  keys: KeySet;
  jwks: ConstantDocument;
  localJwks: JWTVerifyGetKey;
  discovery?: ConstantDocument;
}

/**
 * Owns the oidc-provider instance. The key set lives in the database; when it changes (a
 * rotation anywhere, announced on the change bus) or a scheduled key activates, a new
 * provider is built and swapped in between requests. No restart, every process agrees.
 *
 * /oidc/jwks and discovery are answered from pre-serialised bodies: Hasura and every API
 * fetch them, and they only change with the key set.
 */
export async function createOidcRuntime(
  deps: ServiceDeps,
  hooks: ProviderHooks,
  cookieKeys: string[],
  applications: ApplicationDirectory,
): Promise<OidcRuntime> {
  let built: Built;
  let timer: NodeJS.Timeout | undefined;
  const { config } = deps;
  const security = jsonSecurityHeaders(config.endpoint);

  const build = async (): Promise<Built> => {
    const keys = await loadKeySet(deps.db);
    const provider = createProvider({ config, db: deps.db, keys: keys.verifying, cookieKeys, hooks, findClient: applications.byId });
    pinToEndpoint(provider, config.endpoint);
    const localJwks = createLocalJWKSet({ keys: keys.published });
    // Before mount() composes the provider's middleware. Outermost first: Logto's error fields
    // also decorate whatever the introspection step leaves as an error.
    logProviderEvents(provider, deps.logger);
    auditProviderEvents(provider, deps.db, deps.logger, { successfulExchanges: config.auditTokenExchanges });
    provider.use(logtoErrorFields());
    provider.use(refuseNulParams());
    provider.use(jwtIntrospection({ issuer: config.issuer, keys: () => localJwks, findAccount: hooks.findAccount }));
    return {
      provider,
      mounted: mount('/oidc', provider as unknown as Koa),
      keys,
      jwks: constantDocument({
        body: JSON.stringify({ keys: keys.published }),
        contentType: 'application/jwk-set+json; charset=utf-8',
        cacheControl: `public, max-age=${config.jwksMaxAge}`,
        security,
      }),
      localJwks,
    };
  };

  const schedule = () => {
    if (timer) clearTimeout(timer);
    const at = built.keys.nextChangeAt;
    if (at === undefined) return;
    // setTimeout caps at ~24.8 days; wake up earlier and re-plan if the change is further off.
    const delay = Math.min(Math.max(at - Date.now(), 0) + 50, 2 ** 31 - 1);
    timer = setTimeout(() => void reload().catch((err) => deps.logger.error({ err }, 'key reload failed')), delay);
    timer.unref();
  };

  const reload = async () => {
    built = await build();
    schedule();
    deps.logger.info({ kid: built.keys.signing.kid, published: built.keys.published.length }, 'signing keys loaded');
  };

  built = await build();
  schedule();
  const unsubscribe = deps.changes.subscribe((topic) => {
    if (topic === 'keys' || topic === '*') void reload().catch((err) => deps.logger.error({ err }, 'key reload failed'));
  });

  const documentAt = (path: string | undefined, current: Built) =>
    path === JWKS_PATH ? current.jwks : path === DISCOVERY_PATH ? current.discovery : undefined;

  const middleware: Koa.Middleware = async function oidc(ctx, next: () => Promise<void>) {
    if (!ctx.path.startsWith('/oidc')) return next();
    const current = built;
    const doc = ctx.method === 'GET' || ctx.method === 'HEAD' ? documentAt(ctx.path, current) : undefined;
    if (doc) {
      ctx.set(doc.headers);
      if (ctx.get('If-None-Match') === doc.etag) {
        ctx.status = 304;
        return;
      }
      ctx.type = doc.contentType;
      ctx.body = doc.body;
      return;
    }
    await current.mounted(ctx, next);
    // The provider's URLs are pinned to ENDPOINT (endpoint-origin.ts); a body that names
    // anything else is still never cached, so one request cannot answer for everyone.
    if (
      ctx.path === DISCOVERY_PATH &&
      ctx.status === 200 &&
      ctx.body &&
      typeof ctx.body === 'object' &&
      allUrlsUnder(ctx.body, config.endpoint)
    ) {
      current.discovery = constantDocument({ body: JSON.stringify(ctx.body), contentType: 'application/json; charset=utf-8', security });
    }
  };

  return {
    middleware,
    serveDocument(req, res) {
      if (req.method !== 'GET' && req.method !== 'HEAD') return false;
      const doc = documentAt(req.url, built);
      if (!doc) return false;
      serveDocument(req, res, doc);
      return true;
    },
    provider: () => built.provider,
    keySet: () => built.keys,
    verificationKeys: () => built.localJwks,
    reload,
    close() {
      if (timer) clearTimeout(timer);
      unsubscribe();
    },
  };
}

import { createHash } from 'node:crypto';
import { createLocalJWKSet, type JWTVerifyGetKey } from 'jose';
import type Koa from 'koa';
import mount from 'koa-mount';
import type { Provider } from 'oidc-provider';
import type { ApplicationDirectory } from '../services/application-directory.ts';
import type { ServiceDeps } from '../services/deps.ts';
import { loadKeySet, type KeySet } from '../services/signing-keys.ts';
import { logtoErrorFields } from './error-fields.ts';
import { auditProviderEvents, logProviderEvents } from './events.ts';
import { refuseNulParams } from './input-guard.ts';
import { jwtIntrospection } from './jwt-introspection.ts';
import { createProvider, type ProviderHooks } from './provider.ts';
import { allUrlsUnder, pinToEndpoint } from '../http/endpoint-origin.ts';

export interface OidcRuntime {
  /** Koa middleware for everything under /oidc. */
  middleware: Koa.Middleware;
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
  jwksBody: string;
  jwksEtag: string;
  localJwks: JWTVerifyGetKey;
  discovery?: string;
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

  const build = async (): Promise<Built> => {
    const keys = await loadKeySet(deps.db);
    const provider = createProvider({ config, db: deps.db, keys: keys.verifying, cookieKeys, hooks, findClient: applications.byId });
    pinToEndpoint(provider as unknown as Koa, config.endpoint);
    const localJwks = createLocalJWKSet({ keys: keys.published });
    // Before mount() composes the provider's middleware. Outermost first: Logto's error fields
    // also decorate whatever the introspection step leaves as an error.
    logProviderEvents(provider, deps.logger);
    auditProviderEvents(provider, deps.db, deps.logger);
    provider.use(logtoErrorFields());
    provider.use(refuseNulParams());
    provider.use(jwtIntrospection({ issuer: config.issuer, keys: () => localJwks, findAccount: hooks.findAccount }));
    const jwksBody = JSON.stringify({ keys: keys.published });
    return {
      provider,
      mounted: mount('/oidc', provider as unknown as Koa) as Koa.Middleware,
      keys,
      jwksBody,
      jwksEtag: `"${createHash('sha256').update(jwksBody).digest('base64url').slice(0, 27)}"`,
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

  const maxAge = config.jwksMaxAge;
  const middleware: Koa.Middleware = async function oidc(ctx, next) {
    if (!ctx.path.startsWith('/oidc')) return next();
    const current = built;
    if (ctx.path === '/oidc/jwks' && (ctx.method === 'GET' || ctx.method === 'HEAD')) {
      ctx.set('Cache-Control', `public, max-age=${maxAge}`);
      ctx.set('ETag', current.jwksEtag);
      ctx.set('Access-Control-Allow-Origin', '*');
      if (ctx.get('If-None-Match') === current.jwksEtag) {
        ctx.status = 304;
        return;
      }
      ctx.type = 'application/jwk-set+json; charset=utf-8';
      ctx.body = current.jwksBody;
      return;
    }
    if (ctx.path === '/oidc/.well-known/openid-configuration' && ctx.method === 'GET' && current.discovery) {
      ctx.set('Access-Control-Allow-Origin', '*');
      ctx.type = 'application/json; charset=utf-8';
      ctx.body = current.discovery;
      return;
    }
    await current.mounted(ctx, next);
    // The provider's URLs are pinned to ENDPOINT (endpoint-origin.ts); a body that names
    // anything else is still never cached, so one request cannot answer for everyone.
    if (
      ctx.path === '/oidc/.well-known/openid-configuration' &&
      ctx.status === 200 &&
      ctx.body &&
      typeof ctx.body === 'object' &&
      allUrlsUnder(ctx.body, config.endpoint)
    ) {
      current.discovery = JSON.stringify(ctx.body);
    }
  };

  return {
    middleware,
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

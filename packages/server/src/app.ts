import Router from '@koa/router';
import type { IncomingMessage, ServerResponse } from 'node:http';
import Koa from 'koa';
import type { Config } from './config/index.ts';
import { errorHandler } from './http/problem.ts';
import { refuseNulInUrl } from './http/input-checks.ts';
import { createMetrics, type Metrics } from './http/metrics.ts';
import { requestContext, securityHeaders } from './http/request-context.ts';
import { corsPreflightGuard } from './http/cors-preflight.ts';
import { pinToEndpoint } from './http/endpoint-origin.ts';
import { pagePolicy } from './http/page-policy.ts';
import { endSessionWithoutSession } from './oidc/end-session.ts';
import { requireToken } from './http/require-token.ts';
import { RouteRegistry } from './http/route.ts';
import type { Logger } from './logger.ts';
import { createFindAccount } from './oidc/account.ts';
import { createGetResourceServerInfo } from './oidc/resource-server.ts';
import { createOidcRuntime, type OidcRuntime } from './oidc/runtime.ts';
import { applicationRoutes } from './routes/applications.ts';
import { applicationRoleRoutes } from './routes/applications.roles.ts';
import { consoleRoutes } from './routes/console.ts';
import type { RouteDeps } from './routes/context.ts';
import { docsRoutes } from './routes/docs.ts';
import { healthRoutes } from './routes/health.ts';
import { homeRoutes } from './routes/home.ts';
import { resourceRoutes } from './routes/resources.ts';
import { resourceScopeRoutes } from './routes/resources.scopes.ts';
import { roleRoutes } from './routes/roles.ts';
import { roleApplicationRoutes } from './routes/roles.applications.ts';
import { roleScopeRoutes } from './routes/roles.scopes.ts';
import { roleUserRoutes } from './routes/roles.users.ts';
import { setupRoutes } from './routes/setup.ts';
import { signInRoutes } from './routes/sign-in.ts';
import { socialSignInRoutes } from './routes/sign-in.social.ts';
import { connectorRoutes } from './routes/connectors.ts';
import { ssoConnectorRoutes } from './routes/sso-connectors.ts';
import { userIdentityRoutes } from './routes/users.identities.ts';
import { signingKeyRoutes } from './routes/signing-keys.ts';
import { userRoutes } from './routes/users.ts';
import { userRoleRoutes } from './routes/users.roles.ts';
import { organizationApiRoutes } from './routes/organization-api.ts';
import { sentinelActivityRoutes } from './routes/sentinel-activities.ts';
import { subjectTokenRoutes } from './routes/subject-tokens.ts';
import { consumeSubjectToken, findSubjectToken } from './services/subject-tokens.ts';
import { signInExperienceRoutes } from './routes/sign-in-exp.ts';
import { signInPreviewRoutes } from './routes/sign-in-exp.preview.ts';
import { emailTemplateRoutes } from './routes/email-templates.ts';
import { verificationCodeRoutes } from './routes/verification-codes.ts';
import { experienceRoutes } from './routes/experience.ts';
import { customPhraseRoutes } from './routes/custom-phrases.ts';
import { accountCenterRoutes } from './routes/account-center.ts';
import { accountApiDocsRoutes } from './routes/account-api-docs.ts';
import { myAccountRoutes } from './routes/my-account.ts';
import { myAccountSessionRoutes } from './routes/my-account.sessions.ts';
import { myAccountIdentityRoutes } from './routes/my-account.identities.ts';
import { myAccountMfaRoutes } from './routes/my-account.mfa.ts';
import { userSessionRoutes } from './routes/users.sessions.ts';
import { userMfaVerificationRoutes } from './routes/users.mfa-verifications.ts';
import { verificationRoutes } from './routes/verifications.ts';
import { requireUserToken } from './http/require-user-token.ts';
import { createSignInExperienceStore } from './services/sign-in-experience/store.ts';
import { createMailer } from './services/email/index.ts';
import { createVerificationCodeService } from './services/verification-codes/index.ts';
import { hookRoutes } from './routes/hooks.ts';
import { logRoutes } from './routes/logs.ts';
import { createExtraTokenClaims } from './oidc/custom-claims.ts';
import type { SigningAlgorithm } from './domain/keys/algorithms.ts';
import { grantedScopeNames } from './domain/rbac/role-scopes.ts';
import { hasuraRoutes } from './routes/hasura.ts';
import { createHasuraWebhook } from './routes/hasura-webhook.ts';
import { jwtCustomizerRoutes } from './routes/jwt-customizer.ts';
import { createScriptRunner, type ScriptLimitsInput } from './sandbox/index.ts';
import { createAccessResolver, type AccessResolver } from './services/access.ts';
import { createJwtCustomizerStore } from './services/jwt-customizer.ts';
import { createTokenVerifier } from './services/token-verifier.ts';
import { builtin, loadCookieKeys } from './services/bootstrap.ts';
import type { ServiceDeps } from './services/deps.ts';
import { createResourceDirectory, type ResourceDirectory } from './services/resource-directory.ts';
import { createApplicationDirectory } from './services/application-directory.ts';
import { createOriginPolicy } from './services/origin-policy.ts';
import { createUserDirectory } from './services/user-directory.ts';
import type { ChangeBus } from './storage/change-bus.ts';
import type { Db } from './storage/db.ts';

export interface App {
  koa: Koa;
  /** Hasura's webhook as a bare node:http handler, served ahead of Koa (server.ts). */
  hasuraWebhook: (req: IncomingMessage, res: ServerResponse) => Promise<void> | undefined;
  /** The JWKS and discovery documents from node:http, ahead of Koa; false for any other request (server.ts). */
  serveDocument: (req: IncomingMessage, res: ServerResponse) => boolean;
  deps: RouteDeps;
  oidc: OidcRuntime;
  access: AccessResolver;
  resources: ResourceDirectory;
  /** Served on the main port, or only on METRICS_PORT's own listener (server.ts). */
  metrics: Metrics;
  close(): Promise<void>;
}

/**
 * Builds the Koa app: requestId -> logger -> problem+json -> metrics -> /oidc (provider) ->
 * sign-in pages -> /api (admin token) -> console. Dependencies are built here once and
 * passed down explicitly.
 */
export async function createApp(input: { config: Readonly<Config>; db: Db; logger: Logger; changes: ChangeBus }): Promise<App> {
  const { config, db, logger, changes } = input;
  const services: ServiceDeps = { config, db, logger, changes };
  const access = createAccessResolver(db, changes);
  const resources = createResourceDirectory(db, changes);
  const applications = createApplicationDirectory(db, changes);
  const users = createUserDirectory(db, changes);
  const signInExperience = createSignInExperienceStore(services);
  const mailer = createMailer({ ...services, signInExperience });
  const verificationCodes = createVerificationCodeService({ ...services, mailer });
  const origins = await createOriginPolicy(db, changes, logger);
  const cookieKeys = await loadCookieKeys(db);
  const jwtCustomizers = createJwtCustomizerStore(services);
  const scriptLimits: ScriptLimitsInput = {
    timeoutMs: config.script.timeoutMs,
    memoryBytes: config.script.memoryBytes,
    fetch: { enabled: config.script.allowFetch },
  };
  const runner = createScriptRunner(scriptLimits);

  // The provider hooks need the signing key's algorithm, which the runtime owns.
  let signingAlg = (): SigningAlgorithm => config.signingAlg;
  // Whether a Management API token's holder still holds the admin scopes now (roles can be removed during a token's life).
  const stillGranted = async ({ sub, clientId }: { sub: string; clientId: string | undefined }, scopes: string[]) => {
    const kind = clientId !== undefined && sub === clientId ? 'application' : 'user';
    if (!(await access.isActive(kind, sub))) return false;
    const granted = grantedScopeNames(await access.rolesOf(kind, sub), config.managementApiIndicator);
    return scopes.every((s) => granted.has(s));
  };
  const verifier = createTokenVerifier({ issuer: config.issuer, keys: () => oidc.verificationKeys() });
  const oidc = await createOidcRuntime(
    services,
    {
      findAccount: createFindAccount(users, access),
      getResourceServerInfo: createGetResourceServerInfo({ resources, access, alg: () => signingAlg() }),
      isAllowedOrigin: origins.isAllowed,
      extraTokenClaims: createExtraTokenClaims({ db, access, applications, store: jwtCustomizers, runner, limits: scriptLimits, logger }),
      tokenExchange: {
        findSubjectToken: (token) => findSubjectToken(db, token),
        consumeSubjectToken: (id) => consumeSubjectToken(db, id),
        async verifyActorToken(token) {
          const holder = await verifier.verify(token, config.managementApiIndicator).catch(() => undefined);
          if (!holder?.scopes.includes(builtin.managementScope)) return undefined;
          return (await stillGranted(holder, [builtin.managementScope])) ? holder.sub : undefined;
        },
        publicClients: new Set([builtin.consoleAppId]),
        refusedResources: new Set([config.managementApiIndicator]),
      },
    },
    cookieKeys,
    applications,
  );

  signingAlg = () => oidc.keySet().signing.alg as SigningAlgorithm;
  // Behind a trusted proxy the client's address is the X-Forwarded-For entry that proxy
  // appended (the rightmost); entries to its left are whatever the client sent.
  const koa = new Koa({ proxy: config.trustProxy, maxIpsCount: 1 });
  koa.keys = cookieKeys;
  // Every URL built from a request is ENDPOINT's, whatever its Host (see endpoint-origin.ts).
  pinToEndpoint(koa, config.endpoint);
  const metrics = createMetrics();
  const registry = new RouteRegistry();
  const router = new Router();
  const api = new Router({ prefix: '/api' });
  const deps: RouteDeps = {
    ...services,
    router: api,
    registry,
    oidc,
    access,
    resources,
    applications,
    signInExperience,
    mailer,
    verificationCodes,
  };
  const pageDeps = { ...deps, router, csrfKey: cookieKeys[0] };

  const hasuraWebhook = createHasuraWebhook({ ...pageDeps, verifier, jwtCustomizers });
  healthRoutes({ ...pageDeps, metrics });
  docsRoutes(pageDeps);
  homeRoutes(pageDeps);
  setupRoutes(pageDeps);
  signInRoutes(pageDeps);
  socialSignInRoutes(pageDeps);
  consoleRoutes(pageDeps);

  // Logto's Account API: the user's own opaque access token, not the Management API's (its own
  // router ahead of `api`, its own OpenAPI document).
  const accountApi = new Router({ prefix: '/api' });
  const accountRegistry = new RouteRegistry();
  accountApi.use(requireUserToken({ provider: () => oidc.provider(), isActiveUser: (id) => access.isActive('user', id) }));
  const accountDeps: RouteDeps = { ...deps, router: accountApi, registry: accountRegistry };
  myAccountRoutes(accountDeps);
  myAccountSessionRoutes(accountDeps);
  myAccountMfaRoutes(accountDeps);
  myAccountIdentityRoutes(accountDeps);
  verificationRoutes(accountDeps);
  accountApiDocsRoutes({ ...pageDeps, accountRegistry });

  api.use(
    requireToken({
      audience: config.managementApiIndicator,
      scopes: [builtin.managementScope],
      verifier,
      stillGranted,
    }),
  );
  resourceRoutes(deps);
  resourceScopeRoutes(deps);
  roleRoutes(deps);
  roleScopeRoutes(deps);
  roleUserRoutes(deps);
  roleApplicationRoutes(deps);
  userRoutes(deps);
  userRoleRoutes(deps);
  userIdentityRoutes(deps);
  connectorRoutes(deps);
  ssoConnectorRoutes(deps);
  organizationApiRoutes(deps);
  sentinelActivityRoutes(deps);
  subjectTokenRoutes(deps);
  signInExperienceRoutes(deps);
  signInPreviewRoutes({ ...deps, pageRouter: router, csrfKey: cookieKeys[0] });
  emailTemplateRoutes(deps);
  verificationCodeRoutes(deps);
  customPhraseRoutes(deps);
  accountCenterRoutes(deps);
  userSessionRoutes(deps);
  userMfaVerificationRoutes(deps);
  applicationRoutes(deps);
  applicationRoleRoutes(deps);
  signingKeyRoutes(deps);
  hookRoutes(deps);
  logRoutes(deps);
  jwtCustomizerRoutes({ ...deps, runner, scriptLimits });
  hasuraRoutes({ ...deps, jwtCustomizers });

  koa.use(requestContext(logger));
  koa.use(securityHeaders({ hsts: config.endpoint.startsWith('https:') }));
  koa.use(errorHandler());
  koa.use(refuseNulInUrl());
  koa.use(metrics.middleware);
  koa.use(pagePolicy());
  koa.use(corsPreflightGuard(origins.isKnownOrigin));
  koa.use(endSessionWithoutSession(() => oidc.provider()));
  koa.use(oidc.middleware);
  koa.use(router.routes());
  koa.use(router.allowedMethods());
  // The Experience API is bound to the interaction cookie, not a token: ahead of the Management API's guard.
  koa.use(experienceRoutes(deps).routes());
  koa.use(accountApi.routes());
  koa.use(accountApi.allowedMethods());
  koa.use(api.routes());
  koa.use(api.allowedMethods());

  const webhookCounters = ['0xx', '1xx', '2xx', '3xx', '4xx', '5xx'].map((status) =>
    metrics.counter('gatehouse_http_requests_total', { route: '/api/authn/hasura', status }),
  );
  const countWebhook = (res: ServerResponse) => (webhookCounters[Math.floor(res.statusCode / 100)] ?? webhookCounters[5])();
  return {
    koa,
    hasuraWebhook(req, res) {
      // handleNode has answered when it returns (or its promise resolves): counted then, with no listener per request.
      const pending = hasuraWebhook.handleNode(req, res);
      if (pending) return pending.then(() => countWebhook(res));
      countWebhook(res);
      return undefined;
    },
    serveDocument(req, res) {
      if (!oidc.serveDocument(req, res)) return false;
      metrics.count('gatehouse_http_requests_total', { route: req.url ?? '', status: `${Math.floor(res.statusCode / 100)}xx` });
      return true;
    },
    deps,
    oidc,
    access,
    resources,
    metrics,
    async close() {
      oidc.close();
      access.close();
      resources.close();
      applications.close();
      users.close();
      signInExperience.close();
      mailer.close();
      jwtCustomizers.close();
      await runner.close();
    },
  };
}

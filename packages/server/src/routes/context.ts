import type Router from '@koa/router';
import type { RouteRegistry } from '../http/route.ts';
import type { OidcRuntime } from '../oidc/runtime.ts';
import type { AccessResolver } from '../services/access.ts';
import type { ApplicationDirectory } from '../services/application-directory.ts';
import type { ServiceDeps } from '../services/deps.ts';
import type { ResourceDirectory } from '../services/resource-directory.ts';

/** What route factories receive: services' deps plus the router and the OpenAPI registry. */
export interface RouteDeps extends ServiceDeps {
  router: Router;
  registry: RouteRegistry;
  oidc: OidcRuntime;
  access: AccessResolver;
  resources: ResourceDirectory;
  applications: ApplicationDirectory;
}

import type Router from '@koa/router';
import type { RouteRegistry } from '../http/route.ts';
import type { OidcRuntime } from '../oidc/runtime.ts';
import type { AccessResolver } from '../services/access.ts';
import type { ApplicationDirectory } from '../services/application-directory.ts';
import type { ServiceDeps } from '../services/deps.ts';
import type { ResourceDirectory } from '../services/resource-directory.ts';
import type { Mailer } from '../services/email/index.ts';
import type { SignInExperienceStore } from '../services/sign-in-experience/store.ts';
import type { VerificationCodeService } from '../services/verification-codes/index.ts';

/** What route factories receive: services' deps plus the router and the OpenAPI registry. */
export interface RouteDeps extends ServiceDeps {
  router: Router;
  registry: RouteRegistry;
  oidc: OidcRuntime;
  access: AccessResolver;
  resources: ResourceDirectory;
  applications: ApplicationDirectory;
  /** Sign-in experience settings, cached and shared by every process (services/sign-in-experience). */
  signInExperience: SignInExperienceStore;
  /** Templated email over SMTP_URL (services/email). */
  mailer: Mailer;
  /** Email verification codes: send (or the dummy), verify (services/verification-codes). */
  verificationCodes: VerificationCodeService;
}

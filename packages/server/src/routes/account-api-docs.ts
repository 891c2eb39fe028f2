import { buildOpenApi } from '../http/openapi.ts';
import type { RouteRegistry } from '../http/route.ts';
import type { RouteDeps } from './context.ts';

/**
 * The Account API's own OpenAPI document at Logto's path (/api/.well-known/user.openapi.json):
 * its operations take the user's opaque access token, not a Management API token.
 */
export function accountApiDocsRoutes(deps: RouteDeps & { accountRegistry: RouteRegistry }): void {
  let spec: string | undefined;
  deps.router.get('/api/.well-known/user.openapi.json', function accountOpenapi(ctx) {
    if (spec === undefined) {
      const doc = buildOpenApi(deps.accountRegistry.specs, { endpoint: deps.config.endpoint, version: '0.1.0' });
      spec = JSON.stringify({
        ...doc,
        info: {
          ...doc.info,
          title: 'Gatehouse Account API',
          description:
            "A signed-in user's own account, with Logto's Account API paths and bodies. Every operation takes the user's " +
            'opaque access token: the one issued without `resource` (scope openid, plus profile, email or ' +
            'urn:logto:scope:sessions as each operation says). Sensitive changes also need a `logto-verification-id` ' +
            'header from POST /api/verifications/password or the verification-code flow.',
        },
        components: {
          ...doc.components,
          securitySchemes: { bearer: { type: 'http', scheme: 'bearer', description: "The user's opaque access token" } },
        },
      });
    }
    ctx.type = 'application/json';
    ctx.body = spec;
  });
}

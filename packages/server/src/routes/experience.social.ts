import type Router from '@koa/router';
import type Koa from 'koa';
import { z } from 'zod';
import type { RouteRegistry } from '../http/route.ts';
import { ssoConnectorsForEmail } from '../services/connectors/sso-connectors.ts';
import type { InteractionHandle } from '../services/experience/service.ts';
import { startSocialVerification, verifySocialVerification } from '../services/experience/social.ts';
import type { RouteDeps } from './context.ts';

/**
 * Logto's connector steps of the Experience API, on its router (same-origin JSON, bound to the
 * interaction cookie). They keep a Social verification record in the Experience API's state
 * (services/experience/social.ts); POST /identification uses it like any other record.
 */
export function experienceSocialRoutes(
  router: Router,
  registry: RouteRegistry,
  deps: Omit<RouteDeps, 'router' | 'registry'>,
  session: (ctx: Koa.Context) => Promise<InteractionHandle>,
): void {
  const tag = 'Experience';
  const ConnectorParams = z.object({ connectorId: z.string().min(1).max(64) });

  registry.add(
    router,
    {
      method: 'post',
      path: '/experience/verification/social/:connectorId/authorization-uri',
      tag,
      operationId: 'CreateSocialVerification',
      summary: "The provider's authorization URI (PKCE, state, nonce kept server-side); redirectUri must be registered at the provider",
      params: ConnectorParams,
      body: z.object({ state: z.string().min(8).max(512), redirectUri: z.string().url().max(2048) }),
      response: z.object({ authorizationUri: z.string(), verificationId: z.string() }),
    },
    async ({ params, body, ctx }) => startSocialVerification(deps, await session(ctx), { connectorId: params.connectorId, ...body }),
  );
  registry.add(
    router,
    {
      method: 'post',
      path: '/experience/verification/social/:connectorId/verify',
      tag,
      operationId: 'VerifySocialVerification',
      summary: "Checks the provider's answer (the callback's query parameters as connectorData); 401 connector.authorization_failed",
      params: ConnectorParams,
      body: z.object({ connectorData: z.record(z.string(), z.string().max(8192)), verificationId: z.string().max(64).optional() }),
      response: z.object({ verificationId: z.string() }),
    },
    async ({ params, body, ctx }) => verifySocialVerification(deps, await session(ctx), { connectorId: params.connectorId, ...body }),
  );
  registry.add(
    router,
    {
      method: 'get',
      path: '/experience/sso-connectors',
      tag,
      operationId: 'GetEnabledSsoConnectors',
      summary: 'The SSO connectors for an email address (its domain); start one with /verification/social/:connectorId/authorization-uri',
      query: z.object({ email: z.string().min(3).max(320) }),
      response: z.object({ connectorIds: z.array(z.string()) }),
    },
    async ({ query }) => ({ connectorIds: (await ssoConnectorsForEmail(deps, query.email)).map((c) => c.id) }),
  );
}

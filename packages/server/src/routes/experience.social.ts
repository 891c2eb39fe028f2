import Router from '@koa/router';
import type Koa from 'koa';
import type { Provider } from 'oidc-provider';
import { z } from 'zod';
import { ExperienceError } from '../domain/errors.ts';
import { readJson } from '../http/body.ts';
import { requestFactsOf } from '../http/request-facts.ts';
import { Reply, RouteRegistry } from '../http/route.ts';
import { requireSameOriginJson } from '../http/same-origin-json.ts';
import {
  getAuthorizationUri,
  signInWithVerifiedCallback,
  verifySocialCallback,
  type PendingSignIn,
  type VerifiedCallback,
} from '../services/connectors/social-sign-in.ts';
import { ssoConnectorsForEmail } from '../services/connectors/sso-connectors.ts';
import type { RouteDeps } from './context.ts';

/*
 * Logto's Experience API for connectors: /verification/social/:connectorId/authorization-uri
 * and /verify, and the SSO helper /experience/sso-connectors?email=. What they prove is kept
 * in the OIDC interaction (server-side) beside the Experience API's own state, which lives
 * under `experience` (routes/experience.ts): this file reads only its `interactionEvent` and
 * sets its `userId` when a social verification identifies the user.
 */

interface ExperienceStateShape {
  interactionEvent: string;
  userId?: string;
}

interface InteractionResult {
  experience?: ExperienceStateShape;
  /** The request sent to the provider, until /verify. */
  socialPending?: PendingSignIn & { verificationId: string };
  /** Verified upstream identities, by verification id, until /identification. */
  socialVerified?: Record<string, VerifiedCallback>;
  [key: string]: unknown;
}

async function interactionOf(provider: Provider, ctx: Koa.Context) {
  try {
    const details = await provider.interactionDetails(ctx.req, ctx.res);
    const result = (details.result ?? {}) as InteractionResult;
    const save = (next: InteractionResult) => provider.interactionResult(ctx.req, ctx.res, next, { mergeWithLastSubmission: false });
    return { details, result, save };
  } catch {
    throw new ExperienceError('session.not_found', 'No sign-in is in progress in this browser. Start it again from the application.');
  }
}

const verificationIdOf = () => crypto.randomUUID().replace(/-/g, '');

export function experienceSocialRoutes(deps: RouteDeps): { router: Router; registry: RouteRegistry } {
  const router = new Router({ prefix: '/api' });
  const registry = new RouteRegistry();
  const tag = 'Experience';
  router.use(requireSameOriginJson(deps.config.endpoint));
  const provider = () => deps.oidc.provider();
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
    async ({ params, body, ctx }) => {
      const { result, save } = await interactionOf(provider(), ctx);
      const { url, pending } = await getAuthorizationUri(deps, {
        connectorId: params.connectorId,
        redirectUri: body.redirectUri,
        state: body.state,
      });
      const verificationId = verificationIdOf();
      await save({ ...result, socialPending: { ...pending, verificationId } });
      return { authorizationUri: url, verificationId };
    },
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
    async ({ params, body, ctx }) => {
      const { result, save } = await interactionOf(provider(), ctx);
      const { socialPending, ...rest } = result;
      // Single use: the pending request is gone whatever the outcome.
      await save(rest);
      if (body.verificationId !== undefined && socialPending?.verificationId !== body.verificationId) {
        throw new ExperienceError('session.verification_session_not_found', 'The verification record was not found.');
      }
      const verified = await verifySocialCallback(deps, {
        connectorId: params.connectorId,
        pending: socialPending,
        callbackParams: new URLSearchParams(body.connectorData),
      });
      const verificationId = socialPending?.verificationId ?? verificationIdOf();
      await save({ ...rest, socialVerified: { ...rest.socialVerified, [verificationId]: verified } });
      return { verificationId };
    },
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

  /*
   * POST /experience/identification with a social verification id: identifies (or registers)
   * the user and sets the Experience API's userId, then /submit finishes as for any other
   * verification. Other verification ids go on to the Experience API's own handler.
   */
  router.post('/experience/identification', async function socialIdentification(ctx, next) {
    const body = (await readJson(ctx)) as { verificationId?: unknown } | undefined;
    const id = typeof body?.verificationId === 'string' ? body.verificationId : undefined;
    const { result, save } = await interactionOf(provider(), ctx);
    const verified = id ? result.socialVerified?.[id] : undefined;
    if (!id || !verified) {
      await next();
      return;
    }
    const state = result.experience;
    if (!state)
      throw new ExperienceError('session.verification_session_not_found', 'No experience interaction: start one with PUT /api/experience.');
    if (state.interactionEvent === 'ForgotPassword') {
      throw new ExperienceError('session.not_supported_for_forgot_password', 'A social identity cannot reset a password.');
    }
    const { userId, outcome } = await signInWithVerifiedCallback(deps, verified, requestFactsOf(ctx));
    const { [id]: _used, ...others } = result.socialVerified ?? {};
    await save({ ...result, socialVerified: others, experience: { ...state, userId } });
    const reply = outcome === 'registered' ? new Reply(201, '') : new Reply(204, undefined);
    ctx.status = reply.status;
    ctx.body = reply.body;
  });
  return { router, registry };
}

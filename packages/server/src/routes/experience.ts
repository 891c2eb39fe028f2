import Router from '@koa/router';
import type Koa from 'koa';
import type { Provider } from 'oidc-provider';
import { z } from 'zod';
import { INTERACTION_EVENTS, USERNAME_PATTERN, type ExperienceState } from '../domain/accounts/experience.ts';
import { ExperienceError } from '../domain/errors.ts';
import { buildOpenApi } from '../http/openapi.ts';
import { Reply, RouteRegistry } from '../http/route.ts';
import { requireSameOriginJson } from '../http/same-origin-json.ts';
import {
  addProfile,
  changeInteractionEvent,
  identifyUser,
  sendVerificationCode,
  setNewPassword,
  startExperience,
  submitInteraction,
  verifyPasswordIdentifier,
  verifyVerificationCode,
  type InteractionHandle,
  type RequestContext,
} from '../services/experience/service.ts';
import type { RouteDeps } from './context.ts';
import { experienceMfaRoutes } from './experience.mfa.ts';
import { experienceSocialRoutes } from './experience.social.ts';

const interactionEvent = z.enum(INTERACTION_EVENTS).describe('SignIn, Register or ForgotPassword');
const identifier = z
  .object({ type: z.enum(['username', 'email']), value: z.string().trim().min(1).max(320) })
  .describe('What the user typed, and whether it is a username or an email address');
const emailIdentifier = z
  .object({ type: z.literal('email'), value: z.string().trim().toLowerCase().email('must be an email address').max(320) })
  .describe('The email address the code is sent to');
const verificationId = z.string().min(1).max(64).describe('The id a verification call returned');
const VerificationIdResponse = z.object({ verificationId: z.string() });
const password = z.string().min(1).max(1024);

/** The interaction of this browser (oidc-provider's interaction cookie), as the service uses it. */
async function interactionOf(provider: Provider, ctx: Koa.Context): Promise<InteractionHandle> {
  let details: Awaited<ReturnType<Provider['interactionDetails']>>;
  try {
    details = await provider.interactionDetails(ctx.req, ctx.res);
  } catch {
    throw new ExperienceError('session.not_found', 'No sign-in is in progress in this browser. Start it again from the application.');
  }
  const handle: InteractionHandle = {
    uid: details.uid,
    clientId: String(details.params.client_id),
    state: (details.result as { experience?: ExperienceState } | undefined)?.experience,
    async save(state) {
      await provider.interactionResult(ctx.req, ctx.res, state ? { experience: state } : {}, { mergeWithLastSubmission: false });
      handle.state = state;
    },
    finish: (accountId, login) =>
      provider.interactionResult(ctx.req, ctx.res, { login: { accountId, ...login } }, { mergeWithLastSubmission: false }),
  };
  return handle;
}

/** The language of the emails: the authorization request's ui_locales, else the browser's. */
async function requestContextOf(provider: Provider, ctx: Koa.Context, facts: RequestContext['facts']): Promise<RequestContext> {
  const details = await provider.interactionDetails(ctx.req, ctx.res).catch(() => undefined);
  const uiLocales = details?.params.ui_locales;
  const locale = typeof uiLocales === 'string' && uiLocales !== '' ? uiLocales : ctx.get('Accept-Language') || undefined;
  return { ip: ctx.ip, facts, locale };
}

/**
 * Logto's Experience API (/api/experience): the sign-in, registration and password-reset steps
 * the hosted pages use, for custom UIs too. Bound to the OIDC interaction by its cookie; no
 * admin token. Mounted ahead of the Management API's router (whose guard wants a token), with
 * its own OpenAPI document at /api/experience/openapi.json.
 */
export function experienceRoutes(deps: Omit<RouteDeps, 'router' | 'registry'>): Router {
  const router = new Router({ prefix: '/api' });
  const registry = new RouteRegistry();
  const tag = 'Experience';
  router.use(requireSameOriginJson(deps.config.endpoint));
  const provider = () => deps.oidc.provider();
  const session = (ctx: Koa.Context) => interactionOf(provider(), ctx);

  registry.add(
    router,
    {
      method: 'put',
      path: '/experience',
      tag,
      operationId: 'InitInteraction',
      summary: 'Start an interaction (clears what an earlier one verified); 403 when signInMode does not allow the event',
      body: z.object({ interactionEvent }),
      status: 204,
    },
    async ({ body, ctx }) => startExperience(deps, await session(ctx), body.interactionEvent),
  );
  registry.add(
    router,
    {
      method: 'put',
      path: '/experience/interaction-event',
      tag,
      operationId: 'UpdateInteractionEvent',
      summary: 'Switch between SignIn and Register (ForgotPassword cannot be switched)',
      body: z.object({ interactionEvent }),
      status: 204,
    },
    async ({ body, ctx }) => changeInteractionEvent(deps, await session(ctx), body.interactionEvent),
  );
  registry.add(
    router,
    {
      method: 'post',
      path: '/experience/verification/password',
      tag,
      operationId: 'CreatePasswordVerification',
      summary: 'Verify a password (the sign-in lockout applies: 429 with Retry-After); 422 session.invalid_credentials',
      body: z.object({ identifier, password }),
      response: VerificationIdResponse,
    },
    async ({ body, ctx, facts }) =>
      verifyPasswordIdentifier(deps, await session(ctx), body, await requestContextOf(provider(), ctx, facts)),
  );
  registry.add(
    router,
    {
      method: 'post',
      path: '/experience/verification/verification-code',
      tag,
      operationId: 'CreateAndSendVerificationCode',
      summary: 'Email a code (the same answer for every address); 429 and 503 carry Retry-After',
      body: z.object({ identifier: emailIdentifier, interactionEvent }),
      response: VerificationIdResponse,
    },
    async ({ body, ctx, facts }) => sendVerificationCode(deps, await session(ctx), body, await requestContextOf(provider(), ctx, facts)),
  );
  registry.add(
    router,
    {
      method: 'post',
      path: '/experience/verification/verification-code/verify',
      tag,
      operationId: 'VerifyVerificationCodeVerification',
      summary:
        'Check the code; 400 verification_code.invalid (mismatch, expired, exceed_max_try, not_found). ' +
        'ForgotPassword without verificationId: the code of an admin-sent reset-password email (the newest sent to the address)',
      body: z.object({ identifier: emailIdentifier, verificationId: verificationId.optional(), code: z.string().max(16) }),
      response: VerificationIdResponse,
    },
    async ({ body, ctx }) => verifyVerificationCode(deps, await session(ctx), body),
  );
  registry.add(
    router,
    {
      method: 'post',
      path: '/experience/identification',
      tag,
      operationId: 'IdentifyUser',
      summary: 'Identify the user (204), or create the account for Register (201; 422 user.missing_profile creates nothing)',
      body: z.object({ verificationId: verificationId.optional() }).optional(),
      status: 204,
    },
    async ({ body, ctx, facts }) => {
      const { created } = await identifyUser(
        deps,
        await session(ctx),
        body?.verificationId,
        await requestContextOf(provider(), ctx, facts),
      );
      return new Reply(created ? 201 : 204, created ? '' : undefined);
    },
  );
  registry.add(
    router,
    {
      method: 'post',
      path: '/experience/profile',
      tag,
      operationId: 'AddUserProfile',
      summary: 'Add a password, username or verified email to the account (422 password.rejected with the reasons)',
      body: z.discriminatedUnion('type', [
        z.object({ type: z.literal('password'), value: password }),
        z.object({ type: z.literal('username'), value: z.string().max(128).regex(USERNAME_PATTERN, 'must start with a letter or _') }),
        z.object({ type: z.literal('email'), verificationId }),
      ]),
      status: 204,
    },
    async ({ body, ctx }) => addProfile(deps, await session(ctx), body),
  );
  registry.add(
    router,
    {
      method: 'put',
      path: '/experience/profile/password',
      tag,
      operationId: 'ResetUserPassword',
      summary: 'The new password of a ForgotPassword interaction (policy applies; 422 user.same_password)',
      body: z.object({ password }),
      status: 204,
    },
    async ({ body, ctx }) => setNewPassword(deps, await session(ctx), body.password),
  );
  registry.add(
    router,
    {
      method: 'post',
      path: '/experience/submit',
      tag,
      operationId: 'SubmitInteraction',
      summary: 'Finish: { redirectTo } back into the OIDC flow; a password reset answers 204 and ends every session of the user',
      response: z.object({ redirectTo: z.string() }),
    },
    async ({ ctx, facts }) => {
      const out = await submitInteraction(deps, await session(ctx), await requestContextOf(provider(), ctx, facts));
      return out ? new Reply(200, out) : new Reply(204, undefined);
    },
  );

  experienceMfaRoutes(router, registry, deps, session);
  experienceSocialRoutes(router, registry, deps, session);

  let spec: string | undefined;
  router.get('/experience/openapi.json', function experienceOpenApi(ctx) {
    spec ??= JSON.stringify(
      buildOpenApi(
        registry.specs,
        { endpoint: deps.config.endpoint, version: '0.1.0' },
        {
          title: 'Gatehouse Experience API',
          description:
            "Logto's Experience API: the steps of sign-in, registration and password reset, for your own sign-in UI. " +
            'Operations act on the OIDC interaction of the browser (its interaction cookie): open the authorization URL, ' +
            'then call these from a page on ENDPOINT with JSON bodies. Errors are problem documents with Logto codes.',
          securityScheme: { name: 'interaction', scheme: { type: 'apiKey', in: 'cookie', name: '_interaction' } },
        },
      ),
    );
    ctx.type = 'application/json';
    ctx.body = spec;
  });
  return router;
}

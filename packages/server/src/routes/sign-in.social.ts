import type Koa from 'koa';
import type { Provider } from 'oidc-provider';
import { callbackUri } from '../domain/connectors/config.ts';
import { AppError } from '../domain/errors.ts';
import { errorBlock, escapeHtml, page } from '../http/html.ts';
import { httpStatusOf } from '../http/problem.ts';
import { requestFactsOf } from '../http/request-facts.ts';
import { findConnectorByTarget } from '../services/connectors/connectors.ts';
import {
  enabledSocialConnectors,
  getAuthorizationUri,
  signInWithVerifiedCallback,
  verifySocialCallback,
  type PendingSignIn,
} from '../services/connectors/social-sign-in.ts';
import { ssoConnectorsForEmail } from '../services/connectors/sso-connectors.ts';
import { recordSignIn } from '../services/sign-in.ts';
import type { RouteDeps } from './context.ts';

type InteractionDetails = Awaited<ReturnType<Provider['interactionDetails']>>;

/** What the interaction keeps for the connector sign-in in flight (beside the Experience API's own state). */
interface SocialResult {
  social?: PendingSignIn;
  [key: string]: unknown;
}

const resultOf = (details: InteractionDetails): SocialResult => details.result ?? {};

function refusalPage(ctx: Koa.Context, status: number, message: string, uid?: string): void {
  ctx.status = status;
  ctx.type = 'html';
  ctx.set('Cache-Control', 'no-store');
  const back = uid
    ? `<p class="links"><a href="/sign-in/${escapeHtml(uid)}">Back to sign-in</a></p>`
    : '<p>Go back to the application and sign in again.</p>';
  ctx.body = page('Sign in', `<h1>Sign-in did not work</h1>${errorBlock(message)}${back}`);
}

/**
 * Sends the browser to a connector's provider: the pending request (state, nonce, PKCE
 * verifier) is kept in this browser's OIDC interaction, where only its callback finds it.
 */
async function redirectToConnector(
  deps: RouteDeps,
  ctx: Koa.Context,
  provider: Provider,
  details: InteractionDetails,
  connectorId: string,
) {
  const { url, pending } = await getAuthorizationUri(deps, { connectorId, redirectUri: callbackUri(deps.config.endpoint, connectorId) });
  await provider.interactionResult(ctx.req, ctx.res, { ...resultOf(details), social: pending }, { mergeWithLastSubmission: false });
  ctx.set('Cache-Control', 'no-store');
  ctx.redirect(url);
}

/**
 * Logto's `direct_sign_in` authorization parameter: `social:<target>` (an enabled social
 * connector) or `sso:<connector id>` skips the sign-in page. True when it redirected.
 */
export async function directSignIn(deps: RouteDeps, ctx: Koa.Context, provider: Provider, details: InteractionDetails): Promise<boolean> {
  const direct = details.params.direct_sign_in;
  if (typeof direct !== 'string') return false;
  const [kind, value] = [direct.slice(0, direct.indexOf(':')), direct.slice(direct.indexOf(':') + 1)];
  if (kind === 'social') {
    const { socialSignInConnectorTargets } = await deps.signInExperience.get();
    const connector = socialSignInConnectorTargets.includes(value) ? await findConnectorByTarget(deps, value) : undefined;
    if (!connector) return false;
    await redirectToConnector(deps, ctx, provider, details, connector.id);
    return true;
  }
  if (kind === 'sso' && value !== '') {
    try {
      await redirectToConnector(deps, ctx, provider, details, value);
      return true;
    } catch {
      return false;
    }
  }
  return false;
}

/** The "Continue with …" links of the hosted sign-in page (links, not forms: the page's form-action stays closed). */
export async function socialButtons(deps: RouteDeps, uid: string): Promise<string> {
  const connectors = await enabledSocialConnectors(deps);
  if (connectors.length === 0) return '';
  const links = connectors
    .map(
      (c) =>
        `<a class="button secondary" id="social-${escapeHtml(c.target)}" href="/sign-in/${escapeHtml(uid)}/social/${escapeHtml(c.id)}">Continue with ${escapeHtml(c.name)}</a>`,
    )
    .join('\n');
  return `<div class="social" aria-label="Other ways to sign in"><p>or</p>${links}</div>`;
}

/**
 * Enterprise SSO on the hosted page: an email address in an SSO connector's domains gets a
 * "Continue with <IdP>" page instead of a password check. Undefined when no connector matches.
 */
export async function ssoPageFor(deps: RouteDeps, uid: string, identifier: string): Promise<string | undefined> {
  if (!identifier.includes('@')) return undefined;
  const [connector] = await ssoConnectorsForEmail(deps, identifier);
  if (!connector) return undefined;
  const name = connector.branding.displayName ?? connector.connectorName;
  return page(
    'Single sign-on',
    `<h1>Single sign-on</h1><p>${escapeHtml(identifier.slice(0, 320))} signs in with ${escapeHtml(name)}.</p>
<a class="button" id="sso-continue" href="/sign-in/${escapeHtml(uid)}/social/${escapeHtml(connector.id)}">Continue with ${escapeHtml(name)}</a>
<p class="links"><a href="/sign-in/${escapeHtml(uid)}">Use another account</a></p>`,
  );
}

/**
 * The hosted pages' connector sign-in: GET /sign-in/:uid/social/:connectorId starts it, GET
 * /callback/:connectorId (Logto's redirect URI) finishes it in the same browser, once.
 */
export function socialSignInRoutes(deps: RouteDeps): void {
  const { router } = deps;

  async function interaction(ctx: Koa.Context, provider: Provider): Promise<InteractionDetails | undefined> {
    try {
      return await provider.interactionDetails(ctx.req, ctx.res);
    } catch {
      refusalPage(ctx, 400, 'This sign-in has expired or was started in another browser.');
      return undefined;
    }
  }

  router.get('/sign-in/:uid/social/:connectorId', async function connectorSignInStart(ctx) {
    const provider = deps.oidc.provider();
    const details = await interaction(ctx, provider);
    if (!details) return;
    if (details.uid !== ctx.params.uid) return refusalPage(ctx, 400, 'This sign-in link belongs to another sign-in.', details.uid);
    try {
      await redirectToConnector(deps, ctx, provider, details, ctx.params.connectorId);
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      refusalPage(ctx, httpStatusOf(error), error.message, details.uid);
    }
  });

  router.get('/callback/:connectorId', async function connectorCallback(ctx) {
    const provider = deps.oidc.provider();
    const details = await interaction(ctx, provider);
    if (!details) return;
    const { social: pending, ...rest } = resultOf(details);
    // Single use: the pending request leaves the interaction before anything is checked.
    if (pending) await provider.interactionResult(ctx.req, ctx.res, rest, { mergeWithLastSubmission: false });
    const facts = requestFactsOf(ctx);
    try {
      const verified = await verifySocialCallback(deps, {
        connectorId: ctx.params.connectorId,
        pending,
        callbackParams: new URLSearchParams(ctx.querystring),
      });
      const { userId, outcome } = await signInWithVerifiedCallback(deps, verified, facts);
      await recordSignIn(deps, userId, {
        facts,
        interaction: { applicationId: String(details.params.client_id), sessionId: details.uid },
        event: outcome === 'registered' ? 'Register' : 'SignIn',
      });
      await provider.interactionFinished(ctx.req, ctx.res, { login: { accountId: userId } }, { mergeWithLastSubmission: false });
      ctx.respond = false;
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      deps.logger.info({ event: 'connector.sign_in_refused', connectorId: ctx.params.connectorId, code: error.code }, error.message);
      refusalPage(ctx, httpStatusOf(error), error.message, details.uid);
    }
  });
}

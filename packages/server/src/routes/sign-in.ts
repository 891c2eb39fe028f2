import { createHmac, timingSafeEqual } from 'node:crypto';
import type Koa from 'koa';
import type { Provider } from 'oidc-provider';
import { readFile } from 'node:fs/promises';
import { page, WAY_BACK } from '../http/html.ts';
import { readForm } from '../http/body.ts';
import { allowFormTargets, allowImageSources } from '../http/page-policy.ts';
import { requestFactsOf } from '../http/request-facts.ts';
import { RateLimitedError, UnauthenticatedError } from '../domain/errors.ts';
import { httpStatusOf } from '../http/problem.ts';
import { signInWithPassword } from '../services/sign-in.ts';
import { phrasesFor } from '../services/custom-phrases.ts';
import type { RouteDeps } from './context.ts';
import { renderSignInPage, type MfaScreen, type Screen } from './sign-in-page.ts';
import { directSignIn, socialButtons, ssoPageFor } from './sign-in.social.ts';

/** No username (128) or email (320) is longer; see boundedIdentifier. */
const MAX_IDENTIFIER_LENGTH = 320;

/**
 * An over-long identifier names no account, but it is still a failed attempt that counts
 * and gets the usual reply. Cut to one character past the longest possible identifier: the
 * cut value still matches no account, and no lookup or lockout key carries the rest.
 */
function boundedIdentifier(identifier: string): string {
  return identifier.length > MAX_IDENTIFIER_LENGTH ? identifier.slice(0, MAX_IDENTIFIER_LENGTH + 1) : identifier;
}

/**
 * The hosted sign-in page for oidc-provider interactions (/sign-in/:uid).
 * - CSRF: the form carries HMAC(key, uid); the interaction itself is bound to a signed,
 *   SameSite cookie by oidc-provider, so a forged post has neither.
 * - Consent: every application is first-party, so the consent prompt is granted without
 *   a page (scopes are still limited by roles at the token endpoint).
 */
export function signInRoutes(deps: RouteDeps & { csrfKey: string }): void {
  const { router } = deps;
  const csrf = (uid: string) => createHmac('sha256', deps.csrfKey).update(`sign-in:${uid}`).digest('base64url');

  /** The hosted pages in the request's language (ui_locales, else Accept-Language), branded by the settings. */
  const render = async (
    ctx: Koa.Context,
    uid: string,
    opts: {
      error?: string;
      identifier?: string;
      clientName?: string;
      uiLocales?: unknown;
      screen?: Screen;
      social?: string;
      mfa?: MfaScreen;
    } = {},
  ) => {
    const settings = await deps.signInExperience.get();
    const requested = typeof opts.uiLocales === 'string' && opts.uiLocales !== '' ? opts.uiLocales : ctx.get('Accept-Language');
    const { languageTag, phrases } = await phrasesFor(deps, requested || undefined);
    allowImageSources(ctx, [settings.branding.logoUrl, settings.branding.darkLogoUrl, settings.branding.favicon]);
    ctx.type = 'html';
    ctx.set('Cache-Control', 'no-store');
    ctx.body = renderSignInPage({
      uid,
      screen: opts.screen ?? 'sign-in',
      languageTag,
      phrases,
      settings,
      nonce: String(ctx.state.cspNonce ?? ''),
      csrf: csrf(uid),
      clientName: opts.clientName,
      identifier: opts.identifier,
      error: opts.error,
      social: opts.social,
      mfa: opts.mfa,
    });
  };

  /** The screen asked for (?screen=, else the authorization request's first_screen), if the settings offer it. */
  const screenOf = async (ctx: Koa.Context, firstScreen: unknown): Promise<Screen> => {
    const { signInMode, forgotPasswordMethods } = await deps.signInExperience.get();
    const asked = typeof ctx.query.screen === 'string' ? ctx.query.screen : firstScreen === 'register' ? 'register' : 'sign-in';
    if (asked === 'register' && signInMode !== 'SignIn') return 'register';
    if (asked === 'forgot-password' && forgotPasswordMethods.includes('EmailVerificationCode')) return 'forgot-password';
    return signInMode === 'Register' ? 'register' : 'sign-in';
  };

  /** The interaction of this browser, or an "expired" page when there is none. */
  async function interaction(provider: Provider, ctx: Koa.Context) {
    try {
      const details = await provider.interactionDetails(ctx.req, ctx.res);
      // Signing in ends in a redirect to the app (validated when the interaction began):
      // the page's CSP form-action must allow it.
      allowFormTargets(ctx, [details.params.redirect_uri]);
      return details;
    } catch {
      ctx.status = 400;
      ctx.type = 'html';
      ctx.body = page('Sign in', `<h1>This sign-in link has expired</h1><p>Go back to the application and sign in again.</p>${WAY_BACK}`);
      return undefined;
    }
  }

  async function grantConsent(provider: Provider, ctx: Koa.Context) {
    const details = await provider.interactionDetails(ctx.req, ctx.res);
    const { prompt, params, session } = details;
    const accountId = session?.accountId;
    if (!accountId) throw new Error('consent without a session');
    const grant = details.grantId
      ? ((await provider.Grant.find(details.grantId)) ?? new provider.Grant({ accountId, clientId: String(params.client_id) }))
      : new provider.Grant({ accountId, clientId: String(params.client_id) });
    const d = prompt.details as {
      missingOIDCScope?: string[];
      missingOIDCClaims?: string[];
      missingResourceScopes?: Record<string, string[]>;
    };
    if (d.missingOIDCScope) grant.addOIDCScope(d.missingOIDCScope.join(' '));
    if (d.missingOIDCClaims) grant.addOIDCClaims(d.missingOIDCClaims);
    for (const [indicator, scopes] of Object.entries(d.missingResourceScopes ?? {})) grant.addResourceScope(indicator, scopes.join(' '));
    const grantId = await grant.save();
    await provider.interactionFinished(ctx.req, ctx.res, { consent: { grantId } }, { mergeWithLastSubmission: true });
  }

  // Sign-in starts at an application; someone who opens /sign-in directly gets told so.
  router.get('/sign-in', function signInWithoutInteraction(ctx) {
    ctx.type = 'html';
    ctx.body = page(
      'Sign in',
      `<h1>Sign in from your application</h1><p>This page is opened by an application when you sign in to it. Open the application and choose Sign in there.</p>${WAY_BACK}`,
    );
  });

  // The pages' module (assets/experience.js), read once: no build step, no dependency.
  let script: Promise<string> | undefined;
  router.get('/sign-in/assets/experience.js', async function experienceScript(ctx) {
    script ??= readFile(new URL('../../assets/experience.js', import.meta.url), 'utf8');
    ctx.type = 'application/javascript';
    ctx.set('Cache-Control', 'no-cache');
    ctx.body = await script;
  });

  router.get('/sign-in/:uid', async function signInPage(ctx) {
    const provider = deps.oidc.provider();
    const details = await interaction(provider, ctx);
    if (!details) return;
    if (details.prompt.name === 'consent') {
      await grantConsent(provider, ctx);
      ctx.respond = false;
      return;
    }
    // Logto's direct_sign_in=social:<target> skips this page.
    if (await directSignIn(deps, ctx, provider, details)) return;
    const client = await provider.Client.find(String(details.params.client_id));
    const hint = details.params.login_hint;
    await render(ctx, details.uid, {
      clientName: client?.clientName,
      identifier: typeof hint === 'string' ? hint.slice(0, MAX_IDENTIFIER_LENGTH) : undefined,
      social: await socialButtons(deps, details.uid),
      uiLocales: details.params.ui_locales,
      screen: await screenOf(ctx, details.params.first_screen),
    });
  });

  router.post('/sign-in/:uid', async function signInSubmit(ctx) {
    const provider = deps.oidc.provider();
    const form = await readForm(ctx);
    const details = await interaction(provider, ctx);
    if (!details) return;
    const expected = Buffer.from(csrf(details.uid));
    const given = Buffer.from(form.csrf ?? '');
    if (details.uid !== ctx.params.uid || given.length !== expected.length || !timingSafeEqual(given, expected)) {
      ctx.status = 403;
      await render(ctx, details.uid, { error: 'The form expired. Please try again.', uiLocales: details.params.ui_locales });
      return;
    }
    // An address in an SSO connector's domains signs in at its identity provider, not with a password.
    const sso = await ssoPageFor(deps, details.uid, form.identifier ?? '');
    if (sso) {
      ctx.type = 'html';
      ctx.set('Cache-Control', 'no-store');
      ctx.body = sso;
      return;
    }
    try {
      const out = await signInWithPassword(deps, {
        identifier: boundedIdentifier(form.identifier ?? ''),
        password: form.password ?? '',
        ip: ctx.ip,
        facts: requestFactsOf(ctx),
        interaction: { applicationId: String(details.params.client_id), sessionId: details.uid },
      });
      if ('mfa' in out) {
        // A second factor is owed: the interaction is not finished. The password is kept in it as
        // the Experience API's verified record, and the MFA screen finishes through its submit,
        // which refuses to sign in until a factor is verified (or, under Mandatory, bound).
        await provider.interactionResult(ctx.req, ctx.res, { experience: out.state }, { mergeWithLastSubmission: false });
        const client = await provider.Client.find(String(details.params.client_id));
        await render(ctx, details.uid, {
          screen: out.mfa.step === 'verify' ? 'mfa-verify' : 'mfa-bind',
          mfa: out.mfa,
          clientName: client?.clientName,
          uiLocales: details.params.ui_locales,
        });
        return;
      }
      await provider.interactionFinished(
        ctx.req,
        ctx.res,
        { login: { accountId: out.userId, ...out.login } },
        { mergeWithLastSubmission: false },
      );
      ctx.respond = false;
    } catch (error) {
      // A refused attempt is shown on the page, with the status the problem table gives it.
      if (!(error instanceof UnauthenticatedError || error instanceof RateLimitedError)) throw error;
      ctx.status = httpStatusOf(error);
      if (error instanceof RateLimitedError) ctx.set('Retry-After', String(error.retryAfterSeconds));
      const client = await provider.Client.find(String(details.params.client_id));
      await render(ctx, details.uid, {
        error: error.message,
        identifier: form.identifier?.slice(0, MAX_IDENTIFIER_LENGTH),
        clientName: client?.clientName,
        uiLocales: details.params.ui_locales,
      });
    }
  });
}

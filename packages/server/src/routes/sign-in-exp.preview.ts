import type Router from '@koa/router';
import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import type { SignInExperience } from '../domain/accounts/sign-in-experience.ts';
import { PAGE_STYLE_SOURCE } from '../http/html.ts';
import { phrasesFor } from '../services/custom-phrases.ts';
import { createPreviewUrl, readPreview } from '../services/sign-in-experience/preview.ts';
import type { RouteDeps } from './context.ts';
import { SignInExperiencePatchBody } from './sign-in-exp.ts';
import { renderSignInPage, type Screen } from './sign-in-page.ts';

const PreviewBody = z.object({
  settings: SignInExperiencePatchBody.describe('Unsaved settings, as for PATCH /sign-in-exp'),
});
const PreviewResponse = z.object({ url: z.string().describe('Where the preview renders (10 minutes); for an iframe of the console') });
const SCREENS: readonly Screen[] = ['sign-in', 'register', 'forgot-password'];

/** Image origins of the branding, for the preview's img-src (nothing else loads). */
function imageSources(settings: SignInExperience): string[] {
  const sources = new Set<string>();
  for (const uri of [settings.branding.logoUrl, settings.branding.darkLogoUrl, settings.branding.favicon]) {
    try {
      if (uri) sources.add(new URL(uri).origin);
    } catch {
      // not a URL: nothing to allow
    }
  }
  return [...sources].filter((s) => /^https?:\/\/[a-z0-9.\-[\]:]+$/i.test(s));
}

/**
 * The sign-in experience's live preview: the console asks for a signed URL with its unsaved
 * settings (admin only) and frames it. The page is the hosted sign-in page itself
 * (renderSignInPage), shown as a still: no script runs, no form posts, only the console frames it.
 */
export function signInPreviewRoutes(deps: RouteDeps & { pageRouter: Router; csrfKey: string }): void {
  const { router, registry, pageRouter } = deps;
  registry.add(
    router,
    {
      method: 'post',
      path: '/sign-in-exp/preview',
      tag: 'Sign-in experience',
      summary: 'A URL previewing the hosted sign-in page with unsaved settings (Gatehouse; for the console)',
      body: PreviewBody,
      response: PreviewResponse,
    },
    ({ body }) => Promise.resolve({ url: createPreviewUrl(deps.csrfKey, body.settings as Partial<SignInExperience>) }),
  );

  pageRouter.get('/sign-in-preview', async function signInPreview(ctx) {
    const settings = await readPreview(deps, deps.csrfKey, ctx.query);
    // As the hosted page chooses (routes/sign-in.ts): a register-only experience opens on registration.
    const asked = SCREENS.find((s) => s === ctx.query.screen) ?? 'sign-in';
    const screen = settings.signInMode === 'Register' && asked === 'sign-in' ? 'register' : asked;
    const { languageTag, phrases } = await phrasesFor(deps, typeof ctx.query.lang === 'string' ? ctx.query.lang : undefined);
    const nonce = randomBytes(16).toString('base64');
    ctx.set(
      'Content-Security-Policy',
      [
        "default-src 'none'",
        "script-src 'none'",
        `style-src 'nonce-${nonce}' ${PAGE_STYLE_SOURCE}`,
        ['img-src data:', ...imageSources(settings)].join(' '),
        "form-action 'none'",
        "frame-ancestors 'self'",
        "base-uri 'none'",
      ].join('; '),
    );
    ctx.set('X-Frame-Options', 'SAMEORIGIN');
    ctx.set('Cache-Control', 'no-store');
    ctx.type = 'html';
    const html = renderSignInPage({ uid: 'preview', screen, languageTag, phrases, settings, nonce, csrf: '', clientName: 'Your app' });
    // A still: the page's module (which would drive the Experience API) is left out, not just blocked.
    ctx.body = html.replace(/<script type="module"[^>]*><\/script>/g, '');
  });
}

import type { KoaContextWithOIDC } from 'oidc-provider';
import { escapeHtml, page, WAY_BACK } from '../http/html.ts';

/** oidc-provider's error page, restyled; only the OAuth code and description are shown. */
export async function renderError(ctx: KoaContextWithOIDC, out: { error?: string; error_description?: string }): Promise<void> {
  ctx.type = 'html';
  ctx.body = page(
    'Error',
    `<h1>Something went wrong</h1><p>${escapeHtml(out.error_description ?? 'The request could not be completed.')}</p>
<p><code>${escapeHtml(out.error ?? 'server_error')}</code></p>`,
  );
}

/**
 * Whether the client itself asked for this sign-out, so the form submits on load (as Logto
 * does): a valid `id_token_hint`, or what Logto's SDKs send, a known `client_id` with one of
 * its registered `post_logout_redirect_uri`s (oidc-provider has already refused an
 * unregistered one, and drops the URI when no client is named). Anything else gets the
 * confirm page, so a third-party link cannot sign people out to an unknown place.
 */
function requestedByClient(ctx: KoaContextWithOIDC): boolean {
  const params = ctx.oidc.params ?? {};
  if (!ctx.oidc.client) return false;
  return Boolean(params.id_token_hint) || typeof params.post_logout_redirect_uri === 'string';
}

/**
 * RP-initiated logout confirmation. The auto-submit is one inline script carrying the page
 * CSP's nonce (http/page-policy.ts); without JavaScript the button still works.
 */
export async function logoutSource(ctx: KoaContextWithOIDC, form: string): Promise<void> {
  const auto = requestedByClient(ctx);
  ctx.type = 'html';
  ctx.body = page(
    'Sign out',
    `<h1>Sign out</h1><p>${auto ? 'Signing you out…' : 'Do you want to sign out of Gatehouse?'}</p>${form}
<button type="submit" form="op.logoutForm" value="yes" name="logout" id="logout">Sign out</button>
${auto ? `<script nonce="${escapeHtml((ctx.state as { cspNonce?: string }).cspNonce)}">document.getElementById('logout').click()</script>` : ''}`,
  );
}

export async function postLogoutSuccessSource(ctx: KoaContextWithOIDC): Promise<void> {
  ctx.type = 'html';
  ctx.body = page('Signed out', `<h1>You are signed out</h1><p>You can close this window.</p>${WAY_BACK}`);
}

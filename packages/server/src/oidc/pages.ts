import type { KoaContextWithOIDC } from 'oidc-provider';
import { escapeHtml, page } from '../http/html.ts';

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
 * RP-initiated logout confirmation. With a valid `id_token_hint` the app itself asked, so the
 * form submits on load (as Logto does); without one the user confirms, which stops a
 * third-party page from signing people out.
 */
export async function logoutSource(ctx: KoaContextWithOIDC, form: string): Promise<void> {
  const hinted = Boolean(ctx.oidc.params?.id_token_hint);
  ctx.type = 'html';
  ctx.body = page(
    'Sign out',
    `<h1>Sign out</h1><p>Do you want to sign out of Gatehouse?</p>${form}
<button type="submit" form="op.logoutForm" value="yes" name="logout" id="logout">Sign out</button>
${hinted ? `<script nonce="${escapeHtml(ctx.state.cspNonce ?? '')}">document.getElementById('logout').click()</script>` : ''}`,
  );
}

export async function postLogoutSuccessSource(ctx: KoaContextWithOIDC): Promise<void> {
  ctx.type = 'html';
  ctx.body = page('Signed out', '<h1>You are signed out</h1><p>You can close this window.</p>');
}

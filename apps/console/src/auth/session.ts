import { configFor, createSignInRequest, refreshTokens } from './oidc-client.ts';
import { savePending, saveTokens, type ConsoleTokens } from './token-store.ts';

export const consoleConfig = () => configFor(window.location.origin);

// Module-level so concurrent callers never spend one rotating refresh token twice: a reused
// refresh token makes the server revoke the whole grant.
let refreshing: Promise<ConsoleTokens> | undefined;

export function refreshOnce(tokens: ConsoleTokens): Promise<ConsoleTokens> {
  refreshing ??= refreshTokens(consoleConfig(), tokens)
    .then((next) => {
      saveTokens(next);
      return next;
    })
    .finally(() => {
      refreshing = undefined;
    });
  return refreshing;
}

/** Redirects to the server's sign-in; `returnTo` is the console path to come back to. */
export async function startSignIn(returnTo: string): Promise<void> {
  const { url, pending } = await createSignInRequest(consoleConfig(), returnTo === '/callback' ? '/' : returnTo);
  savePending(pending);
  window.location.assign(url.href);
}

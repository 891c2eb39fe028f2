import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { appPath, navigate } from '../router/router.tsx';
import { AuthScreen } from './auth-screens.tsx';
import { completeSignIn, createSignOutUrl, describeAuthError } from './oidc-client.ts';
import { consoleConfig as config, refreshOnce, startSignIn } from './session.ts';
import { loadTokens, markSignedOut, saveTokens, takePending, wasSignedOut, type ConsoleTokens } from './token-store.ts';

export type AuthState =
  | { status: 'loading'; message: string }
  | { status: 'signed-out'; message?: string }
  | { status: 'error'; message: string }
  | { status: 'signed-in'; tokens: ConsoleTokens };

export interface Auth {
  user: ConsoleTokens['user'];
  /** A valid Management API token, refreshed first when it is about to expire. */
  getAccessToken(): Promise<string>;
  /** After a 401: refresh once; undefined when the session is gone. */
  refreshAfterRejection(): Promise<string | undefined>;
  signOut(): Promise<void>;
}

const AuthContext = createContext<Auth | undefined>(undefined);

export function useAuth(): Auth {
  const auth = useContext(AuthContext);
  if (!auth) throw new Error('useAuth outside AuthProvider');
  return auth;
}

const REFRESH_MARGIN_MS = 60_000;
// Module-level so React's double effects (StrictMode) never exchange one code twice.
let callbackOnce: Promise<{ tokens: ConsoleTokens; returnTo: string }> | undefined;

export function AuthProvider({ children }: { children: ReactNode }) {
  const [state, setState] = useState<AuthState>({ status: 'loading', message: 'Loading…' });
  const tokensRef = useRef<ConsoleTokens | undefined>(undefined);

  const signedIn = useCallback((tokens: ConsoleTokens) => {
    tokensRef.current = tokens;
    setState({ status: 'signed-in', tokens });
  }, []);
  const ended = useCallback((message?: string) => {
    tokensRef.current = undefined;
    saveTokens(undefined);
    setState({ status: 'signed-out', message });
  }, []);

  useEffect(() => {
    if (appPath() === '/callback') {
      setState({ status: 'loading', message: 'Signing you in…' });
      callbackOnce ??= (async () => {
        const pending = takePending();
        if (!pending) throw new Error('This sign-in response was already used or has expired.');
        const tokens = await completeSignIn(config(), new URL(window.location.href), pending);
        return { tokens, returnTo: pending.returnTo };
      })();
      callbackOnce.then(
        ({ tokens, returnTo }) => {
          saveTokens(tokens);
          markSignedOut(false);
          navigate(returnTo.startsWith('/') && returnTo !== '/callback' ? returnTo : '/', { replace: true });
          signedIn(tokens);
        },
        (error) => setState({ status: 'error', message: describeAuthError(error) }),
      );
      return;
    }
    const stored = loadTokens();
    if (stored && stored.expiresAt - Date.now() > REFRESH_MARGIN_MS / 2) return signedIn(stored);
    if (stored?.refreshToken) {
      refreshOnce(stored).then(signedIn, () => ended('Your session has ended. Sign in again.'));
      return;
    }
    if (wasSignedOut()) return ended('You are signed out.');
    setState({ status: 'loading', message: 'Redirecting to sign-in…' });
    startSignIn(appPath() + window.location.search).catch((error) => setState({ status: 'error', message: describeAuthError(error) }));
  }, [signedIn, ended]);

  // Refresh shortly before expiry so pages never see an expired token.
  const expiresAt = state.status === 'signed-in' ? state.tokens.expiresAt : undefined;
  useEffect(() => {
    if (expiresAt === undefined) return;
    const delay = Math.max(5_000, expiresAt - Date.now() - REFRESH_MARGIN_MS);
    const timer = window.setTimeout(() => {
      const tokens = tokensRef.current;
      if (tokens) refreshOnce(tokens).then(signedIn, () => ended('Your session has ended. Sign in again.'));
    }, delay);
    return () => window.clearTimeout(timer);
  }, [expiresAt, signedIn, ended]);

  // Stable across refreshes (tokens live in the ref), so data hooks keyed on the API client
  // do not reload, and editors do not reset, every time a token is renewed.
  const signedInSub = state.status === 'signed-in' ? state.tokens.user.sub : undefined;
  const auth = useMemo<Auth | undefined>(() => {
    if (signedInSub === undefined || !tokensRef.current) return undefined;
    return {
      user: tokensRef.current.user,
      async getAccessToken() {
        const tokens = tokensRef.current;
        if (!tokens) throw new Error('Not signed in.');
        if (tokens.expiresAt - Date.now() > 30_000 || !tokens.refreshToken) return tokens.accessToken;
        const next = await refreshOnce(tokens);
        signedIn(next);
        return next.accessToken;
      },
      async refreshAfterRejection() {
        const tokens = tokensRef.current;
        if (!tokens?.refreshToken) return undefined;
        try {
          const next = await refreshOnce(tokens);
          signedIn(next);
          return next.accessToken;
        } catch {
          ended('Your session has ended. Sign in again.');
          return undefined;
        }
      },
      async signOut() {
        const url = await createSignOutUrl(config(), tokensRef.current).catch(() => undefined);
        saveTokens(undefined);
        markSignedOut(true);
        if (url) window.location.assign(url.href);
        else ended('You are signed out.');
      },
    };
  }, [signedInSub, signedIn, ended]);

  if (state.status === 'signed-in' && !state.tokens.scope.split(' ').includes('all')) {
    return <AuthScreen kind="not-admin" user={state.tokens.user} onSignOut={() => auth?.signOut()} />;
  }
  if (!auth) return <AuthScreen kind={state.status === 'signed-in' ? 'loading' : state.status} message={'message' in state ? state.message : undefined} />;
  return <AuthContext.Provider value={auth}>{children}</AuthContext.Provider>;
}

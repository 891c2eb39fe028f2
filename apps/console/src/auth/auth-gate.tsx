import { isGatehouseError, useGatehouse, useHandleSignInCallback, type IdTokenClaims } from '@gatehouse/react';
import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { appPath, navigate, usePath } from '../router/router.tsx';
import { AuthScreen } from './auth-screens.tsx';
import { consoleUrls } from './console-config.ts';

/** The signed-in admin, as the console shows them. */
export type ConsoleUser = Pick<IdTokenClaims, 'sub' | 'name' | 'username'>;

export interface ConsoleSession {
  user: ConsoleUser;
  signOut: () => Promise<void>;
}

const SessionContext = createContext<ConsoleSession | undefined>(undefined);

export function useConsoleSession(): ConsoleSession {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useConsoleSession outside AuthGate');
  return session;
}

// Set before the sign-out redirect, so the page we come back to does not sign in again at once.
const SIGNED_OUT_KEY = 'gatehouse.console.signed-out';
function markSignedOut(value: boolean): void {
  try {
    if (value) window.sessionStorage.setItem(SIGNED_OUT_KEY, '1');
    else window.sessionStorage.removeItem(SIGNED_OUT_KEY);
  } catch {
    // storage disabled: the console signs in again on return
  }
}
function wasSignedOut(): boolean {
  try {
    return window.sessionStorage.getItem(SIGNED_OUT_KEY) === '1';
  } catch {
    return false;
  }
}

const urls = () => consoleUrls(window.location.origin);
/** Console paths only: the sign-in's appState comes back from storage, never from the URL. */
const safeReturnTo = (path: string | undefined) =>
  path?.startsWith('/') && !path.startsWith('//') && !path.startsWith('/callback') ? path : '/';

type GateState =
  | { status: 'loading'; message: string }
  | { status: 'signed-out'; message?: string }
  | { status: 'error'; message: string }
  | { status: 'not-admin'; user: ConsoleUser }
  | { status: 'ready'; user: ConsoleUser };

/**
 * Signs in and comes back to this page. `?login_hint=` (the setup page sends the new admin
 * here with it) fills the username in on the hosted page and is dropped from the return path.
 */
function useSignIn() {
  const { signIn } = useGatehouse();
  return useCallback(() => {
    const search = new URLSearchParams(window.location.search);
    const loginHint = search.get('login_hint') ?? undefined;
    search.delete('login_hint');
    const rest = search.toString();
    return signIn(urls().redirectUri, { appState: safeReturnTo(appPath() + (rest ? `?${rest}` : '')), loginHint });
  }, [signIn]);
}

function SignInCallback() {
  const { error } = useHandleSignInCallback(({ appState }) => {
    markSignedOut(false);
    navigate(safeReturnTo(appState), { replace: true, force: true });
  });
  const signIn = useSignIn();
  if (error) return <AuthScreen kind="error" message={error.message} onSignIn={() => void signIn().catch(() => undefined)} />;
  return <AuthScreen kind="loading" message="Signing you in…" />;
}

/**
 * Shows the console only to a signed-in administrator: signs in when there is no session
 * (unless the admin just signed out), and checks that the Management API token carries `all`.
 */
function SessionGate({ children }: { children: ReactNode }) {
  const { isAuthenticated, isLoading, signOut, getAccessTokenClaims, getIdTokenClaims } = useGatehouse();
  const signIn = useSignIn();
  const [state, setState] = useState<GateState>({ status: 'loading', message: 'Loading…' });
  const hadSession = useRef(false);

  useEffect(() => {
    if (isLoading) return;
    if (!isAuthenticated) {
      if (wasSignedOut()) setState({ status: 'signed-out', message: 'You are signed out.' });
      else if (hadSession.current) setState({ status: 'signed-out', message: 'Your session has ended. Sign in again.' });
      else {
        setState({ status: 'loading', message: 'Redirecting to sign-in…' });
        signIn().catch((error: unknown) => setState({ status: 'error', message: error instanceof Error ? error.message : String(error) }));
      }
      return;
    }
    hadSession.current = true;
    let current = true;
    // Failures that end the session flip isAuthenticated, which brings us back here.
    Promise.all([getAccessTokenClaims(urls().managementApi), getIdTokenClaims()]).then(
      ([access, id]) => {
        if (!current) return;
        const user = { sub: id.sub, name: id.name, username: id.username };
        setState(access.scope?.split(' ').includes('all') ? { status: 'ready', user } : { status: 'not-admin', user });
      },
      (error: unknown) => {
        if (!current || isGatehouseError(error, 'session_expired') || isGatehouseError(error, 'not_authenticated')) return;
        setState({ status: 'error', message: error instanceof Error ? error.message : String(error) });
      },
    );
    return () => {
      current = false;
    };
  }, [isAuthenticated, isLoading, signIn, getAccessTokenClaims, getIdTokenClaims]);

  const session = useMemo<ConsoleSession | undefined>(() => {
    if (state.status !== 'ready' && state.status !== 'not-admin') return undefined;
    return {
      user: state.user,
      async signOut() {
        markSignedOut(true);
        await signOut(urls().postLogoutRedirectUri).catch(() => undefined);
      },
    };
  }, [state, signOut]);

  if (state.status === 'not-admin') return <AuthScreen kind="not-admin" user={state.user} onSignOut={() => void session?.signOut()} />;
  if (state.status !== 'ready' || !session) {
    const message = 'message' in state ? state.message : undefined;
    return (
      <AuthScreen
        kind={state.status === 'ready' ? 'loading' : state.status}
        message={message}
        onSignIn={() => void signIn().catch(() => window.location.reload())}
      />
    );
  }
  return <SessionContext.Provider value={session}>{children}</SessionContext.Provider>;
}

/** The console's sign-in on @gatehouse/react: the callback route, then the admin check. */
export function AuthGate({ children }: { children: ReactNode }) {
  return usePath() === '/callback' ? <SignInCallback /> : <SessionGate>{children}</SessionGate>;
}

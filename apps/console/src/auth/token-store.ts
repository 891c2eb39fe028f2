/**
 * Where the console keeps its tokens: in memory, mirrored to sessionStorage so a reload in
 * the same tab stays signed in; a new tab or a closed browser signs in again. Never
 * localStorage: tokens must not outlive the tab.
 */
export interface ConsoleTokens {
  accessToken: string;
  /** Epoch milliseconds at which the access token expires. */
  expiresAt: number;
  refreshToken?: string;
  idToken?: string;
  scope: string;
  user: { sub: string; name?: string; username?: string };
}

const TOKENS_KEY = 'gatehouse.console.tokens';
const PENDING_KEY = 'gatehouse.console.pending-sign-in';
const SIGNED_OUT_KEY = 'gatehouse.console.signed-out';

let current: ConsoleTokens | undefined;

function read<T>(key: string): T | undefined {
  try {
    const raw = window.sessionStorage.getItem(key);
    return raw ? (JSON.parse(raw) as T) : undefined;
  } catch {
    return undefined;
  }
}

function write(key: string, value: unknown): void {
  try {
    if (value === undefined) window.sessionStorage.removeItem(key);
    else window.sessionStorage.setItem(key, JSON.stringify(value));
  } catch {
    // storage disabled: memory only
  }
}

export function loadTokens(): ConsoleTokens | undefined {
  current ??= read<ConsoleTokens>(TOKENS_KEY);
  return current;
}

export function saveTokens(tokens: ConsoleTokens | undefined): void {
  current = tokens;
  write(TOKENS_KEY, tokens);
}

/** State kept across the redirect to the sign-in page (PKCE verifier, state, where to return). */
export interface PendingSignIn {
  verifier: string;
  state: string;
  returnTo: string;
}

export function savePending(pending: PendingSignIn | undefined): void {
  write(PENDING_KEY, pending);
}

export function takePending(): PendingSignIn | undefined {
  const pending = read<PendingSignIn>(PENDING_KEY);
  write(PENDING_KEY, undefined);
  return pending;
}

/** Set before the sign-out redirect, so the page we come back to does not sign in again at once. */
export function markSignedOut(value: boolean): void {
  write(SIGNED_OUT_KEY, value ? true : undefined);
}

export function wasSignedOut(): boolean {
  return read<boolean>(SIGNED_OUT_KEY) === true;
}

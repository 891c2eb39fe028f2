import type { IdTokenClaims } from './claims.ts';
import type { SignInTransaction, TokenSet } from './protocol.ts';
import type { Storage, StorageKey } from './storage.ts';

/** An access token in the cache, keyed by resource indicator ('' = no resource: the userinfo token). */
export interface CachedAccessToken {
  token: string;
  scope?: string;
  /** Local clock (ms) when it was received, and when it expires (received + expires_in). */
  receivedAt: number;
  expiresAt: number;
}

export interface SessionData {
  idToken: string;
  idTokenClaims: IdTokenClaims;
  refreshToken?: string;
  accessTokens: Record<string, CachedAccessToken>;
}

/** Refresh a token this long before it expires... */
const REFRESH_MARGIN_MS = 60_000;

/**
 * ...or at half its lifetime when that is shorter (a 60 s token would otherwise never be
 * fresh). Expiry is measured on the local clock from `expires_in`, so a client whose clock
 * disagrees with the server's still refreshes in time.
 */
export function isFresh(cached: CachedAccessToken, now: number): boolean {
  const margin = Math.min(REFRESH_MARGIN_MS, (cached.expiresAt - cached.receivedAt) / 2);
  return now < cached.expiresAt - margin;
}

/** The session after a token response: the access token cached under `key`, the rotated refresh token and any new ID token. */
export function withTokens(session: SessionData, key: string, tokens: TokenSet, now: number): SessionData {
  const accessTokens = {
    ...session.accessTokens,
    [key]: { token: tokens.accessToken, scope: tokens.scope, receivedAt: now, expiresAt: now + (tokens.expiresIn ?? 0) * 1000 },
  };
  const refreshToken = tokens.refreshToken ?? session.refreshToken;
  const idToken = tokens.idToken && tokens.idTokenClaims ? { idToken: tokens.idToken, idTokenClaims: tokens.idTokenClaims } : {};
  return { ...session, ...idToken, ...(refreshToken ? { refreshToken } : {}), accessTokens };
}

/** JSON in the configured Storage; unreadable entries count as absent. */
export class SessionStore {
  readonly #storage: Storage;

  constructor(storage: Storage) {
    this.#storage = storage;
  }

  async #read<T>(key: StorageKey): Promise<T | undefined> {
    const raw = await this.#storage.getItem(key);
    if (!raw) return undefined;
    try {
      return JSON.parse(raw) as T;
    } catch {
      await this.#storage.removeItem(key);
      return undefined;
    }
  }

  async load(): Promise<SessionData | undefined> {
    const session = await this.#read<SessionData>('session');
    return session?.idToken ? { ...session, accessTokens: session.accessTokens ?? {} } : undefined;
  }

  save(session: SessionData): Promise<void> {
    return this.#storage.setItem('session', JSON.stringify(session));
  }

  clear(): Promise<void> {
    return this.#storage.removeItem('session');
  }

  loadTransaction(): Promise<SignInTransaction | undefined> {
    return this.#read<SignInTransaction>('signInSession');
  }

  saveTransaction(tx: SignInTransaction): Promise<void> {
    return this.#storage.setItem('signInSession', JSON.stringify(tx));
  }

  clearTransaction(): Promise<void> {
    return this.#storage.removeItem('signInSession');
  }
}

type LockManagerLike = { request<T>(name: string, callback: () => Promise<T>): Promise<T> };

/**
 * Runs tasks one at a time. A rotating refresh token can be used once, so every token
 * request and every session write goes through here. In a browser the Web Locks API extends
 * the lock to the app's other tabs, which share the session through localStorage.
 */
export function createSerialLock(name: string): <T>(task: () => Promise<T>) => Promise<T> {
  let tail: Promise<unknown> = Promise.resolve();
  const locks: LockManagerLike | undefined =
    typeof window !== 'undefined' && typeof navigator !== 'undefined' ? navigator.locks : undefined;
  return function serial<T>(task: () => Promise<T>): Promise<T> {
    const run = () => (locks ? locks.request(name, task) : task());
    const result = tail.then(run, run);
    tail = result.catch(() => undefined);
    return result;
  };
}

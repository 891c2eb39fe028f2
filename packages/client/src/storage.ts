/**
 * What the client keeps: `session` (tokens and ID token claims, JSON) and `signInSession`
 * (the pending sign-in's state, nonce and PKCE verifier, JSON, between `signIn` and the
 * callback).
 *
 * @example
 * ```ts
 * const key: StorageKey = 'session';
 * ```
 */
export type StorageKey = 'session' | 'signInSession';

/**
 * Where the client keeps its state. Asynchronous so that a server-rendered app can back it
 * with a cookie session, Redis or a database row per user (one client per request/user).
 * The same shape as Logto's `Storage`.
 *
 * @example
 * ```ts
 * const storage: Storage = {
 *   getItem: async (key) => (await redis.get(`gh:${userSessionId}:${key}`)) ?? null,
 *   setItem: async (key, value) => void (await redis.set(`gh:${userSessionId}:${key}`, value)),
 *   removeItem: async (key) => void (await redis.del(`gh:${userSessionId}:${key}`)),
 * };
 * const client = new GatehouseClient({ endpoint, appId, appSecret, storage });
 * ```
 */
export interface Storage {
  getItem(key: StorageKey): Promise<string | null>;
  setItem(key: StorageKey, value: string): Promise<void>;
  removeItem(key: StorageKey): Promise<void>;
}

/**
 * In-memory storage: the default outside the browser. State lives as long as the object.
 *
 * @example
 * ```ts
 * const client = new GatehouseClient({ endpoint, appId, storage: new MemoryStorage() });
 * ```
 */
export class MemoryStorage implements Storage {
  readonly #items = new Map<StorageKey, string>();

  async getItem(key: StorageKey): Promise<string | null> {
    return this.#items.get(key) ?? null;
  }

  async setItem(key: StorageKey, value: string): Promise<void> {
    this.#items.set(key, value);
  }

  async removeItem(key: StorageKey): Promise<void> {
    this.#items.delete(key);
  }
}

/** The part of the DOM's Web Storage that the browser adapter uses. */
interface WebStorageArea {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

/**
 * Browser storage, the default in a browser: the session in `localStorage` (shared by the
 * app's tabs, kept across reloads) or `sessionStorage` (one tab), and the pending sign-in
 * always in `sessionStorage` (a sign-in belongs to the tab that started it). Keys are
 * `gatehouse:<appId>:<key>`.
 *
 * @example
 * ```ts
 * const client = new GatehouseClient({
 *   endpoint, appId,
 *   storage: new BrowserStorage(appId, { persistence: 'sessionStorage' }),
 * });
 * ```
 */
export class BrowserStorage implements Storage {
  readonly #prefix: string;
  readonly #persistence: 'localStorage' | 'sessionStorage';

  constructor(appId: string, options: { persistence?: 'localStorage' | 'sessionStorage' } = {}) {
    this.#prefix = `gatehouse:${appId}:`;
    this.#persistence = options.persistence ?? 'localStorage';
  }

  #area(key: StorageKey): WebStorageArea {
    return key === 'signInSession' ? globalThis.sessionStorage : globalThis[this.#persistence];
  }

  async getItem(key: StorageKey): Promise<string | null> {
    return this.#area(key).getItem(this.#prefix + key);
  }

  async setItem(key: StorageKey, value: string): Promise<void> {
    this.#area(key).setItem(this.#prefix + key, value);
  }

  async removeItem(key: StorageKey): Promise<void> {
    this.#area(key).removeItem(this.#prefix + key);
  }
}

/** True where Web Storage is usable (a browser; not Node, not a sandboxed iframe). */
export function hasWebStorage(): boolean {
  try {
    return typeof window !== 'undefined' && typeof window.localStorage !== 'undefined' && typeof window.sessionStorage !== 'undefined';
  } catch {
    // Reading window.localStorage throws a SecurityError where storage is blocked.
    return false;
  }
}

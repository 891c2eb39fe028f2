import { decodeJwtPayload } from '@gatehouse/client';

/*
 * "Try it" for SPA and Native apps: the console runs the hosted sign-in as that app would
 * (authorization code + PKCE, public client) in a popup whose redirect URI is the console's
 * own /console/try-it/callback. That URI is added to the app's redirect URIs only when the admin
 * says so (try-it-panel.tsx). The code verifier waits in localStorage under the request's
 * random state (the popup is another window) and is removed once used or after 10 minutes.
 */

const PREFIX = 'gatehouse.try-it.';
const MAX_AGE_MS = 10 * 60_000;

export const tryItRedirectUri = (origin = window.location.origin) => `${origin}/console/try-it/callback`;

interface Pending {
  clientId: string;
  verifier: string;
  resource?: string;
  createdAt: number;
}

const base64url = (bytes: Uint8Array) =>
  btoa(String.fromCharCode(...bytes))
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '');
const random = () => base64url(crypto.getRandomValues(new Uint8Array(32)));

function dropStale(now: number): void {
  for (let i = window.localStorage.length - 1; i >= 0; i -= 1) {
    const key = window.localStorage.key(i);
    if (!key?.startsWith(PREFIX)) continue;
    const entry = JSON.parse(window.localStorage.getItem(key) ?? '{}') as Partial<Pending>;
    if (!entry.createdAt || now - entry.createdAt > MAX_AGE_MS) window.localStorage.removeItem(key);
  }
}

/** The authorization URL of a try-it sign-in (prompt=login: whoever signs in, not the admin's session). */
export async function startTryIt(input: { clientId: string; resource?: string; scopes?: string[] }): Promise<string> {
  const now = Date.now();
  dropStale(now);
  const verifier = random();
  const state = random();
  const challenge = base64url(new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier))));
  const pending: Pending = { clientId: input.clientId, verifier, resource: input.resource, createdAt: now };
  window.localStorage.setItem(PREFIX + state, JSON.stringify(pending));
  const params = new URLSearchParams({
    client_id: input.clientId,
    redirect_uri: tryItRedirectUri(),
    response_type: 'code',
    scope: ['openid', 'profile', 'email', ...(input.scopes ?? [])].join(' '),
    code_challenge: challenge,
    code_challenge_method: 'S256',
    state,
    prompt: 'login',
    ...(input.resource ? { resource: input.resource } : {}),
  });
  return `/oidc/auth?${params.toString()}`;
}

export interface TryItResult {
  clientId: string;
  idToken?: Record<string, unknown>;
  /** Decoded when a JWT (a token for an API resource); opaque otherwise. */
  accessToken?: Record<string, unknown>;
  opaqueAccessToken: boolean;
  scope?: string;
}

/** On the callback page: exchanges the code (once) and decodes the tokens. */
export async function completeTryIt(search: string): Promise<TryItResult> {
  const params = new URLSearchParams(search);
  const state = params.get('state') ?? '';
  const raw = window.localStorage.getItem(PREFIX + state);
  window.localStorage.removeItem(PREFIX + state);
  if (params.get('error')) throw new Error(`The sign-in ended with ${params.get('error')}: ${params.get('error_description') ?? ''}`);
  if (!raw) throw new Error('This sign-in was not started by the console (or was already completed). Start it again with Try it.');
  const pending = JSON.parse(raw) as Pending;
  const response = await fetch('/oidc/token', {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'authorization_code',
      client_id: pending.clientId,
      code: params.get('code') ?? '',
      redirect_uri: tryItRedirectUri(),
      code_verifier: pending.verifier,
      ...(pending.resource ? { resource: pending.resource } : {}),
    }),
  });
  const body = (await response.json().catch(() => ({}))) as Record<string, unknown>;
  if (!response.ok) {
    const reason =
      typeof body.error_description === 'string' ? body.error_description : typeof body.error === 'string' ? body.error : response.status;
    throw new Error(`The token request was refused: ${reason}`);
  }
  const decode = (token: unknown) => {
    if (typeof token !== 'string' || token.split('.').length !== 3) return undefined;
    return decodeJwtPayload<Record<string, unknown>>(token);
  };
  const accessToken = decode(body.access_token);
  return {
    clientId: pending.clientId,
    idToken: decode(body.id_token),
    accessToken,
    opaqueAccessToken: typeof body.access_token === 'string' && !accessToken,
    scope: typeof body.scope === 'string' ? body.scope : undefined,
  };
}

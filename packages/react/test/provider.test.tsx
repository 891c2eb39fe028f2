// @vitest-environment jsdom
import { act, cleanup, render, screen, waitFor } from '@testing-library/react';
import { StrictMode, type ReactNode } from 'react';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { CookieJar, navigate, submitSignIn } from '../../server/test/support/browser.ts';
import { HASURA_API } from '../../server/test/support/seed.ts';
import { spawnServer, type ServerProcess } from './support/spawn-server.ts';
import {
  GatehouseProvider,
  useGatehouse,
  useHandleSignInCallback,
  type GatehouseConfig,
  type GatehouseContextValue,
} from '../src/index.ts';

// Vitest's jsdom environment installs jsdom's ArrayBuffer/Uint8Array (another realm), while
// Node's WebCrypto returns this realm's, so oauth4webapi's `instanceof ArrayBuffer` fails.
// Browsers have one realm; put Node's constructors back (Buffer is a Node Uint8Array).
Object.assign(globalThis, {
  ArrayBuffer: Buffer.alloc(0).buffer.constructor,
  Uint8Array: Object.getPrototypeOf(Buffer.prototype).constructor,
});

describe('GatehouseProvider, useGatehouse and useHandleSignInCallback (jsdom, real server)', () => {
  let server: ServerProcess;
  let fx: ServerProcess['fx'];
  const redirectUri = `${window.location.origin}/callback`;

  beforeAll(async () => {
    server = await spawnServer(window.location.origin);
    fx = server.fx;
  });
  afterAll(() => server?.stop());
  afterEach(() => {
    cleanup();
    localStorage.clear();
    sessionStorage.clear();
    window.history.replaceState(null, '', '/');
  });

  let hook: GatehouseContextValue;
  function Probe() {
    hook = useGatehouse();
    return <p data-testid="state">{hook.isLoading ? 'loading' : hook.isAuthenticated ? 'signed-in' : 'signed-out'}</p>;
  }
  let callbacksDone = 0;
  function Callback() {
    const { error } = useHandleSignInCallback(() => (callbacksDone += 1));
    return <p data-testid="callback">{error ? `error: ${error.message}` : 'working'}</p>;
  }
  const renderWith = (config: Partial<GatehouseConfig>, children: ReactNode) =>
    render(
      <StrictMode>
        <GatehouseProvider
          config={{ endpoint: server.endpoint, appId: fx.spa.id, resources: [HASURA_API], scopes: ['read:user'], ...config }}
        >
          {children}
        </GatehouseProvider>
      </StrictMode>,
    );

  it('throws when useGatehouse is used outside the provider', () => {
    const quiet = console.error;
    console.error = () => undefined; // React logs the render error
    try {
      expect(() => render(<Probe />)).toThrow(/inside <GatehouseProvider>/);
    } finally {
      console.error = quiet;
    }
  });

  it('signs in through the callback route once, then hands out tokens until the session is revoked', async () => {
    const navigations: string[] = [];
    let now = Date.now();
    const config = { navigate: (url: string) => void navigations.push(url), now: () => now };

    const first = renderWith(config, <Probe />);
    await waitFor(() => expect(screen.getByTestId('state').textContent).toBe('signed-out'));
    await act(() => hook.signIn(redirectUri));
    expect(navigations).toHaveLength(1);
    first.unmount();

    // The user signs in on the hosted page; the browser comes back to /callback.
    const jar = new CookieJar();
    const page = await navigate(jar, navigations[0], redirectUri);
    const callback = await submitSignIn(jar, page, fx.user.username, fx.user.password, redirectUri);
    window.history.replaceState(null, '', new URL(callback.url).pathname + new URL(callback.url).search);

    renderWith(
      config,
      <>
        <Probe />
        <Callback />
      </>,
    );
    await waitFor(() => expect(screen.getByTestId('state').textContent).toBe('signed-in'));
    expect(callbacksDone).toBe(1); // StrictMode runs effects twice; the callback is handled once
    expect(screen.getByTestId('callback').textContent).toBe('working');
    expect((await hook.getIdTokenClaims()).sub).toBe(fx.user.id);
    expect((await hook.getAccessTokenClaims(HASURA_API)).scope).toBe('read:user');

    const { refreshToken } = JSON.parse(localStorage.getItem(`gatehouse:${fx.spa.id}:session`)!);
    await fetch(`${server.issuer}/token/revocation`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ client_id: fx.spa.id, token: refreshToken }).toString(),
    });
    now += 2 * 3600_000; // past the cached token's expiry
    await act(() => expect(hook.getAccessToken(HASURA_API)).rejects.toMatchObject({ code: 'session_expired' }));
    expect(screen.getByTestId('state').textContent).toBe('signed-out');
    expect(hook.error).toMatchObject({ code: 'session_expired' });
  });

  it('hands the sign-in appState to the callback page, and renews a token the API rejected', async () => {
    const navigations: string[] = [];
    const config = { navigate: (url: string) => void navigations.push(url) };
    const first = renderWith(config, <Probe />);
    await waitFor(() => expect(screen.getByTestId('state').textContent).toBe('signed-out'));
    await act(() => hook.signIn(redirectUri, { appState: '/orders/42' }));
    first.unmount();
    const jar = new CookieJar();
    const page = await navigate(jar, navigations[0], redirectUri);
    const callback = await submitSignIn(jar, page, fx.user.username, fx.user.password, redirectUri);
    window.history.replaceState(null, '', new URL(callback.url).pathname + new URL(callback.url).search);

    const returnedTo: Array<string | undefined> = [];
    function ReturningCallback() {
      useHandleSignInCallback(({ appState }) => returnedTo.push(appState));
      return null;
    }
    renderWith(
      config,
      <>
        <Probe />
        <ReturningCallback />
      </>,
    );
    await waitFor(() => expect(returnedTo).toEqual(['/orders/42']));

    const rejected = await hook.getAccessToken(HASURA_API);
    await act(() => hook.invalidateAccessToken(HASURA_API, rejected));
    const renewed = await hook.getAccessToken(HASURA_API);
    expect(renewed).not.toBe(rejected);
    expect((await hook.getAccessTokenClaims(HASURA_API)).aud).toBe(HASURA_API);
    expect(screen.getByTestId('state').textContent).toBe('signed-in');
  });

  it('signs out: clears the session and goes to the end-session endpoint', async () => {
    const navigations: string[] = [];
    renderWith({ navigate: (url) => void navigations.push(url) }, <Probe />);
    await waitFor(() => expect(screen.getByTestId('state').textContent).toBe('signed-out'));
    await act(() => hook.signIn(redirectUri));
    const jar = new CookieJar();
    const page = await navigate(jar, navigations[0], redirectUri);
    const callback = await submitSignIn(jar, page, fx.user.username, fx.user.password, redirectUri);
    await act(() => hook.client.handleSignInCallback(callback.url));

    const url = await act(() => hook.signOut(`${window.location.origin}/`));
    expect(url).toMatch(`${server.issuer}/session/end?`);
    expect(navigations.at(-1)).toBe(url);
    expect(screen.getByTestId('state').textContent).toBe('signed-out');
    expect(localStorage.getItem(`gatehouse:${fx.spa.id}:session`)).toBeNull();
  });
});

import { CookieJar, navigate, submitSignIn } from '../../../server/test/support/browser.ts';
import type { GatehouseClient } from '../../src/index.ts';

/**
 * Signs in through the hosted sign-in page the way a browser would, driving OUR client: the
 * URL comes from `getSignInUrl`, the form is posted with the server's test user agent, and
 * the callback goes to `handleSignInCallback`.
 */
export async function signInThroughHostedPage(
  client: GatehouseClient,
  input: { redirectUri: string; username: string; password: string },
): Promise<{ jar: CookieJar; callbackUrl: string }> {
  const jar = new CookieJar();
  const url = await client.getSignInUrl(input.redirectUri);
  const page = await navigate(jar, url, input.redirectUri);
  const callback = await submitSignIn(jar, page, input.username, input.password, input.redirectUri);
  if (!callback.url.startsWith(input.redirectUri))
    throw new Error(`sign-in did not reach the app: ${callback.status} ${callback.html.slice(0, 300)}`);
  await client.handleSignInCallback(callback.url);
  return { jar, callbackUrl: callback.url };
}

interface RecordedRequest {
  url: string;
  method: string;
  headers: Headers;
  body: string;
}

/**
 * A fetch that records every request and how many token requests were in flight at once,
 * so tests can count /oidc/token calls and check that refreshes never overlap.
 */
export function recordingFetch() {
  const requests: RecordedRequest[] = [];
  let active = 0;
  let maxConcurrentTokenRequests = 0;
  const fetchImpl: typeof fetch = async (input, init) => {
    const url = input instanceof Request ? input.url : String(input);
    const body = init?.body instanceof URLSearchParams ? init.body.toString() : typeof init?.body === 'string' ? init.body : '';
    const isToken = new URL(url).pathname === '/oidc/token';
    requests.push({ url, method: init?.method ?? 'GET', headers: new Headers(init?.headers), body });
    if (isToken) maxConcurrentTokenRequests = Math.max(maxConcurrentTokenRequests, ++active);
    try {
      return await fetch(input, init);
    } finally {
      if (isToken) active -= 1;
    }
  };
  return {
    fetch: fetchImpl,
    requests,
    /** Requests to a path of the server, e.g. '/oidc/token'. */
    to: (path: string) => requests.filter((r) => new URL(r.url).pathname === path),
    refreshes: () =>
      requests.filter(
        (r) => new URL(r.url).pathname === '/oidc/token' && new URLSearchParams(r.body).get('grant_type') === 'refresh_token',
      ),
    maxConcurrentTokenRequests: () => maxConcurrentTokenRequests,
    reset: () => {
      requests.length = 0;
      maxConcurrentTokenRequests = 0;
    },
  };
}

/** A clock the test moves by hand. */
export function manualClock(start = Date.now()) {
  let now = start;
  return {
    now: () => now,
    advance: (ms: number) => {
      now += ms;
    },
  };
}

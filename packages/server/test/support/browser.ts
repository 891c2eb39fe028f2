import * as oidc from 'openid-client';

/**
 * A minimal user agent for the hosted sign-in page: follows redirects by hand, keeps
 * cookies, and posts the form the way a browser would. The protocol side (authorization
 * URL, PKCE, state, code exchange, ID token validation) is openid-client's.
 */
export class CookieJar {
  private cookies = new Map<string, string>();

  store(headers: Headers): void {
    for (const line of headers.getSetCookie()) {
      const [pair] = line.split(';');
      const eq = pair.indexOf('=');
      const name = pair.slice(0, eq).trim();
      const value = pair.slice(eq + 1).trim();
      if (/expires=Thu, 01 Jan 1970/i.test(line) || value === '') this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }

  header(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }
}

export interface Page {
  url: string;
  status: number;
  html: string;
}

/** GETs a URL and follows redirects until a page or the redirect URI is reached. */
export async function navigate(jar: CookieJar, url: string, stopAt: string, init?: RequestInit): Promise<Page> {
  let current = url;
  let request: RequestInit | undefined = init;
  for (let hops = 0; hops < 20; hops += 1) {
    if (current.startsWith(stopAt)) return { url: current, status: 302, html: '' };
    const res = await fetch(current, {
      ...request,
      redirect: 'manual',
      headers: { ...(request?.headers as Record<string, string>), cookie: jar.header() },
    });
    jar.store(res.headers);
    const location = res.headers.get('location');
    if (res.status >= 300 && res.status < 400 && location) {
      current = new URL(location, current).href;
      request = undefined;
      continue;
    }
    return { url: current, status: res.status, html: await res.text() };
  }
  throw new Error('too many redirects');
}

export function formField(html: string, name: string): string | undefined {
  return new RegExp(`name="${name}" value="([^"]*)"`).exec(html)?.[1];
}

export async function submitSignIn(jar: CookieJar, page: Page, identifier: string, password: string, stopAt: string): Promise<Page> {
  const action = /<form method="post" action="([^"]+)"/.exec(page.html)?.[1];
  if (!action) throw new Error(`no sign-in form on ${page.url}: ${page.html.slice(0, 300)}`);
  const csrf = formField(page.html, 'csrf') ?? '';
  return navigate(jar, new URL(action, page.url).href, stopAt, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ csrf, identifier, password }).toString(),
  });
}

export interface SignInResult {
  tokens: oidc.TokenEndpointResponse & oidc.TokenEndpointResponseHelpers;
  config: oidc.Configuration;
  jar: CookieJar;
}

/** Full authorization code + PKCE flow with openid-client against a running server. */
export async function signInWithCode(input: {
  issuer: string;
  clientId: string;
  clientSecret?: string;
  redirectUri: string;
  username: string;
  password: string;
  scope?: string;
  resource?: string;
}): Promise<SignInResult> {
  const config = await discover(input.issuer, input.clientId, input.clientSecret);
  const verifier = oidc.randomPKCECodeVerifier();
  const state = oidc.randomState();
  const url = oidc.buildAuthorizationUrl(config, {
    redirect_uri: input.redirectUri,
    scope: input.scope ?? 'openid offline_access profile',
    code_challenge: await oidc.calculatePKCECodeChallenge(verifier),
    code_challenge_method: 'S256',
    state,
    prompt: 'consent',
    ...(input.resource ? { resource: input.resource } : {}),
  });
  const jar = new CookieJar();
  const signInPage = await navigate(jar, url.href, input.redirectUri);
  const callback = await submitSignIn(jar, signInPage, input.username, input.password, input.redirectUri);
  if (!callback.url.startsWith(input.redirectUri))
    throw new Error(`sign-in did not reach the app: ${callback.status} ${callback.html.slice(0, 300)}`);
  const tokens = await oidc.authorizationCodeGrant(
    config,
    new URL(callback.url),
    { pkceCodeVerifier: verifier, expectedState: state, idTokenExpected: true },
    input.resource ? { resource: input.resource } : undefined,
  );
  return { tokens, config, jar };
}

export async function discover(issuer: string, clientId: string, clientSecret?: string): Promise<oidc.Configuration> {
  return oidc.discovery(new URL(issuer), clientId, clientSecret, clientSecret ? oidc.ClientSecretBasic(clientSecret) : oidc.None(), {
    execute: [oidc.allowInsecureRequests],
  });
}

/** Starts an authorization request (code + PKCE) and returns the hosted sign-in page it lands on. */
export async function openSignInPage(issuer: string, clientId: string, redirectUri: string, codeVerifier = oidc.randomPKCECodeVerifier()) {
  const config = await discover(issuer, clientId);
  const url = oidc.buildAuthorizationUrl(config, {
    redirect_uri: redirectUri,
    scope: 'openid',
    code_challenge: await oidc.calculatePKCECodeChallenge(codeVerifier),
    code_challenge_method: 'S256',
    state: oidc.randomState(),
  });
  const jar = new CookieJar();
  return { jar, page: await navigate(jar, url.href, redirectUri) };
}

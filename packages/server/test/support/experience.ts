import * as oidc from 'openid-client';
import { CookieJar, discover, navigate } from './browser.ts';
import type { ApiResponse } from './server.ts';

/**
 * A browser's side of the Experience API over plain HTTP: an authorization request opens the
 * interaction (its cookie lands in the jar), then JSON calls from the ENDPOINT origin, then the
 * redirectTo the submit returns is followed back to the app, whose code openid-client redeems.
 */
export interface ExperienceClient {
  jar: CookieJar;
  /** The hosted sign-in page the authorization request landed on. */
  html: string;
  call(method: string, path: string, body?: unknown, headers?: Record<string, string>): Promise<ApiResponse>;
  /** Follows redirectTo to the app's redirect URI and redeems the code. */
  finish(redirectTo: string): Promise<oidc.TokenEndpointResponse & oidc.TokenEndpointResponseHelpers>;
}

export async function openExperience(input: {
  endpoint: string;
  clientId: string;
  redirectUri: string;
  extra?: Record<string, string>;
}): Promise<ExperienceClient> {
  const config = await discover(`${input.endpoint}/oidc`, input.clientId);
  const verifier = oidc.randomPKCECodeVerifier();
  const state = oidc.randomState();
  const url = oidc.buildAuthorizationUrl(config, {
    redirect_uri: input.redirectUri,
    scope: 'openid offline_access profile email',
    code_challenge: await oidc.calculatePKCECodeChallenge(verifier),
    code_challenge_method: 'S256',
    state,
    prompt: 'consent',
    ...input.extra,
  });
  const jar = new CookieJar();
  const page = await navigate(jar, url.href, input.redirectUri);
  if (page.status !== 200) throw new Error(`no sign-in page: ${page.status}`);
  return {
    jar,
    html: page.html,
    async call(method, path, body, headers = {}) {
      const res = await fetch(`${input.endpoint}/api/experience${path}`, {
        method,
        headers: {
          cookie: jar.header(),
          origin: input.endpoint,
          ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
          ...headers,
        },
        body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
      });
      jar.store(res.headers);
      const text = await res.text();
      let parsed: unknown = text;
      try {
        parsed = text ? JSON.parse(text) : undefined;
      } catch {
        // not JSON: keep the text
      }
      return { status: res.status, headers: res.headers, body: parsed };
    },
    async finish(redirectTo) {
      const callback = await navigate(jar, redirectTo, input.redirectUri);
      if (!callback.url.startsWith(input.redirectUri))
        throw new Error(`did not reach the app: ${callback.status} ${callback.html.slice(0, 200)}`);
      return oidc.authorizationCodeGrant(config, new URL(callback.url), {
        pkceCodeVerifier: verifier,
        expectedState: state,
        idTokenExpected: true,
      });
    },
  };
}

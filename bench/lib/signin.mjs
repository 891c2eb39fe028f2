// Signs users in through the hosted sign-in page over plain HTTP, the way a browser does
// (cookies, redirects, the form with its CSRF field), as the SPA client with PKCE, and
// exchanges the code for tokens for the API resource. Used to give every virtual
// connection of the `refresh` row its own refresh-token chain (not measured).
import { createHash, randomBytes } from 'node:crypto';

class CookieJar {
  #cookies = new Map();
  store(headers) {
    for (const line of headers.getSetCookie()) {
      const [pair] = line.split(';');
      const eq = pair.indexOf('=');
      const name = pair.slice(0, eq).trim();
      const value = pair.slice(eq + 1).trim();
      if (/expires=Thu, 01 Jan 1970/i.test(line) || value === '') this.#cookies.delete(name);
      else this.#cookies.set(name, value);
    }
  }
  header() {
    return [...this.#cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }
}

async function navigate(jar, url, stopAt, init) {
  let current = url;
  let request = init;
  for (let hops = 0; hops < 20; hops += 1) {
    if (current.startsWith(stopAt)) return { url: current, status: 302, html: '' };
    const res = await fetch(current, { ...request, redirect: 'manual', headers: { ...request?.headers, cookie: jar.header() } });
    jar.store(res.headers);
    const location = res.headers.get('location');
    if (res.status >= 300 && res.status < 400 && location) {
      await res.arrayBuffer();
      current = new URL(location, current).href;
      request = undefined;
      continue;
    }
    return { url: current, status: res.status, html: await res.text() };
  }
  throw new Error('too many redirects');
}

const b64url = (buf) => buf.toString('base64url');

/** Authorization code + PKCE through the hosted form; returns the token response. */
export async function signIn({ endpoint, clientId, redirectUri, resource, username, password, scope = 'openid offline_access profile' }) {
  const verifier = b64url(randomBytes(32));
  const challenge = b64url(createHash('sha256').update(verifier).digest());
  const state = b64url(randomBytes(16));
  const auth = new URL(`${endpoint}/oidc/auth`);
  auth.search = new URLSearchParams({
    client_id: clientId,
    redirect_uri: redirectUri,
    response_type: 'code',
    scope,
    code_challenge: challenge,
    code_challenge_method: 'S256',
    state,
    prompt: 'consent',
    resource,
  }).toString();
  const jar = new CookieJar();
  const page = await navigate(jar, auth.href, redirectUri);
  const action = /<form method="post" action="([^"]+)"/.exec(page.html)?.[1];
  if (!action) throw new Error(`no sign-in form at ${page.url} (${page.status}): ${page.html.slice(0, 300)}`);
  const csrf = /name="csrf" value="([^"]*)"/.exec(page.html)?.[1] ?? '';
  const callback = await navigate(jar, new URL(action, page.url).href, redirectUri, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ csrf, identifier: username, password }).toString(),
  });
  if (!callback.url.startsWith(redirectUri))
    throw new Error(`sign-in did not reach the app: ${callback.status} ${callback.html.slice(0, 300)}`);
  const params = new URL(callback.url).searchParams;
  if (params.get('state') !== state || !params.get('code')) throw new Error(`bad callback: ${callback.url}`);
  const res = await fetch(`${endpoint}/oidc/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'authorization_code',
      code: params.get('code'),
      redirect_uri: redirectUri,
      code_verifier: verifier,
      client_id: clientId,
      resource,
    }),
  });
  const tokens = await res.json();
  if (res.status !== 200 || !tokens.refresh_token) throw new Error(`code exchange failed: ${res.status} ${JSON.stringify(tokens)}`);
  return { refreshToken: tokens.refresh_token, accessToken: tokens.access_token };
}

import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { randomBytes } from 'node:crypto';
import { exportJWK, generateKeyPair, SignJWT, type JWK } from 'jose';
import { Provider } from 'oidc-provider';
import { freePort } from '../support/server.ts';

/*
 * Identity providers the connector tests sign in at, on loopback with real HTTP and real JWTs:
 * a small oidc-provider instance (a real OpenID provider that asserts email_verified), and a
 * stub that signs ID tokens with its own JWKS and can be told to get them wrong.
 */

export interface UpstreamAccount {
  sub: string;
  email?: string;
  email_verified?: boolean;
  name?: string;
}

async function listen(handler: (req: IncomingMessage, res: ServerResponse) => void): Promise<{ server: Server; origin: string }> {
  const port = await freePort();
  const server = createServer(handler);
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return { server, origin: `http://127.0.0.1:${port}` };
}

const close = (server: Server) => new Promise<void>((resolve) => server.close(() => resolve()));

/**
 * An oidc-provider instance whose interactions sign in `account` at once (no page). Clients
 * are added with `setClient` once the downstream connector's redirect URI is known.
 */
export async function startOidcProvider() {
  const { privateKey } = await generateKeyPair('RS256', { extractable: true });
  const jwk = { ...(await exportJWK(privateKey)), kid: 'upstream', alg: 'RS256', use: 'sig' } as JWK;
  let account: UpstreamAccount = { sub: 'nobody' };
  let provider: Provider | undefined;
  const { server, origin } = await listen((req, res) => {
    void (async () => {
      const current = provider!;
      if (req.url?.startsWith('/interaction/')) {
        const details = await current.interactionDetails(req, res);
        if (details.prompt.name === 'login') {
          await current.interactionFinished(req, res, { login: { accountId: account.sub } }, { mergeWithLastSubmission: false });
          return;
        }
        const grant = new current.Grant({ accountId: details.session!.accountId, clientId: String(details.params.client_id) });
        grant.addOIDCScope(String(details.params.scope));
        await current.interactionFinished(req, res, { consent: { grantId: await grant.save() } }, { mergeWithLastSubmission: true });
        return;
      }
      await current.callback()(req, res);
    })().catch(() => {
      res.statusCode = 500;
      res.end();
    });
  });
  const build = (clients: Array<{ client_id: string; client_secret: string; redirect_uris: string[] }>) =>
    new Provider(origin, {
      clients: clients.map((c) => ({ ...c, token_endpoint_auth_method: 'client_secret_basic' })),
      jwks: { keys: [jwk] },
      cookies: { keys: ['upstream-cookie-key'] },
      claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name'] },
      conformIdTokenClaims: false,
      features: { devInteractions: { enabled: false } },
      interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
      findAccount: (_ctx, sub) => ({
        accountId: sub,
        claims: () => ({ ...account, sub }),
      }),
    });
  provider = build([]);
  return {
    issuer: origin,
    /** Replaces the provider with one that knows this client (the issuer and keys stay). */
    setClient(client: { client_id: string; client_secret: string; redirect_uris: string[] }) {
      provider = build([client]);
    },
    signInAs(next: UpstreamAccount) {
      account = next;
    },
    stop: () => close(server),
  };
}

export type StubMode = 'good' | 'bad-iss' | 'bad-aud' | 'bad-nonce' | 'bad-signature';

/**
 * A loopback OIDC / OAuth 2.0 stub: discovery, an authorization endpoint that answers at once
 * with a code, a token endpoint whose ID token is signed by its JWKS key (or, in the bad
 * modes, carries a wrong iss, aud or nonce, or is signed by a key not in its JWKS), and a
 * user-info endpoint with a nested document for profileMap.
 */
export async function startStubProvider(input: { clientId: string; account: UpstreamAccount; userInfo?: Record<string, unknown> }) {
  const good = await generateKeyPair('RS256');
  const rogue = await generateKeyPair('RS256');
  const jwk = { ...(await exportJWK(good.publicKey)), kid: 'stub', alg: 'RS256', use: 'sig' };
  let mode: StubMode = 'good';
  const codes = new Map<string, { nonce?: string }>();
  let tokenRequests = 0;
  const { server, origin } = await listen((req, res) => {
    void (async () => {
      const url = new URL(req.url ?? '/', origin);
      const json = (status: number, body: unknown) => {
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end(JSON.stringify(body));
      };
      if (url.pathname === '/.well-known/openid-configuration') {
        return json(200, {
          issuer: origin,
          authorization_endpoint: `${origin}/auth`,
          token_endpoint: `${origin}/token`,
          jwks_uri: `${origin}/jwks`,
          userinfo_endpoint: `${origin}/userinfo`,
          id_token_signing_alg_values_supported: ['RS256'],
          token_endpoint_auth_methods_supported: ['client_secret_post'],
          response_types_supported: ['code'],
        });
      }
      if (url.pathname === '/jwks') return json(200, { keys: [jwk] });
      if (url.pathname === '/auth') {
        const code = randomBytes(16).toString('base64url');
        codes.set(code, { nonce: url.searchParams.get('nonce') ?? undefined });
        const back = new URL(url.searchParams.get('redirect_uri')!);
        back.searchParams.set('code', code);
        back.searchParams.set('state', url.searchParams.get('state') ?? '');
        res.writeHead(302, { location: back.href });
        return res.end();
      }
      if (url.pathname === '/token') {
        tokenRequests += 1;
        let raw = '';
        for await (const chunk of req) raw += String(chunk);
        const form = new URLSearchParams(raw);
        const issued = codes.get(form.get('code') ?? '');
        if (!issued || form.get('client_id') !== input.clientId || !form.get('code_verifier')) {
          return json(400, { error: 'invalid_grant' });
        }
        codes.delete(form.get('code')!);
        const now = Math.floor(Date.now() / 1000);
        const claims = {
          ...input.account,
          nonce: mode === 'bad-nonce' ? 'not-the-nonce' : issued.nonce,
        };
        const idToken = await new SignJWT(claims)
          .setProtectedHeader({ alg: 'RS256', kid: 'stub' })
          .setIssuer(mode === 'bad-iss' ? 'https://evil.example' : origin)
          .setAudience(mode === 'bad-aud' ? 'someone-else' : input.clientId)
          .setSubject(input.account.sub)
          .setIssuedAt(now)
          .setExpirationTime(now + 300)
          .sign(mode === 'bad-signature' ? rogue.privateKey : good.privateKey);
        return json(200, { access_token: randomBytes(16).toString('base64url'), token_type: 'Bearer', expires_in: 300, id_token: idToken });
      }
      if (url.pathname === '/userinfo') {
        if (!req.headers.authorization?.startsWith('Bearer ')) return json(401, { error: 'invalid_token' });
        return json(200, input.userInfo ?? { sub: input.account.sub });
      }
      res.statusCode = 404;
      res.end();
    })().catch(() => {
      res.statusCode = 500;
      res.end();
    });
  });
  return {
    issuer: origin,
    setMode(next: StubMode) {
      mode = next;
    },
    tokenRequests: () => tokenRequests,
    stop: () => close(server),
  };
}

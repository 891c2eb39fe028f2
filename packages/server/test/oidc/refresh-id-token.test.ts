import { createRemoteJWKSet, decodeJwt, jwtVerify } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../support/databases.ts';
import { HASURA_API, seedHasuraGuide, signInToHasura, type HasuraFixture } from '../support/seed.ts';
import { startTestServer, type TestServer } from '../support/server.ts';

// OIDC Core 12.2: the ID token of a refresh response is optional. A refresh that names a
// resource is for that API's access token and gets none; one without a resource still does.
describe.each(DIALECTS)('refresh_token grant and the ID token (%s)', (dialect) => {
  let server: TestServer;
  let fx: HasuraFixture;

  beforeAll(async () => {
    server = await startTestServer(dialect);
    fx = await seedHasuraGuide(server);
  });
  afterAll(() => server?.stop());

  const refresh = async (refreshToken: string, resource?: string) => {
    const res = await fetch(`${server.issuer}/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        grant_type: 'refresh_token',
        refresh_token: refreshToken,
        client_id: fx.spa.id,
        ...(resource ? { resource } : {}),
      }),
    });
    return { status: res.status, body: (await res.json()) as Record<string, unknown> };
  };

  it('answers a refresh with a resource without an ID token, and one without a resource with one', async () => {
    const { tokens } = await signInToHasura(server.issuer, fx);
    expect(tokens.id_token).toBeTruthy();
    const jwks = createRemoteJWKSet(new URL(`${server.issuer}/jwks`));

    const forApi = await refresh(tokens.refresh_token!, HASURA_API);
    expect(forApi.status).toBe(200);
    expect(forApi.body).not.toHaveProperty('id_token');
    expect(forApi.body.refresh_token).toEqual(expect.any(String));
    const { payload } = await jwtVerify(String(forApi.body.access_token), jwks, { issuer: server.issuer, audience: HASURA_API });
    expect(payload.sub).toBe(fx.user.id);

    const session = await refresh(String(forApi.body.refresh_token));
    expect(session.status).toBe(200);
    expect(session.body.id_token).toEqual(expect.any(String));
    const idToken = await jwtVerify(String(session.body.id_token), jwks, { issuer: server.issuer, audience: fx.spa.id });
    expect(idToken.payload.sub).toBe(fx.user.id);
    // Without a resource the access token is the opaque one for userinfo, as before.
    expect(() => decodeJwt(String(session.body.access_token))).toThrow();
  });
});

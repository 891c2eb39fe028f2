import { createRemoteJWKSet, decodeJwt, jwtVerify } from 'jose';
import * as oidc from 'openid-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { discover } from './support/browser.ts';
import { startChildServer, type ChildServer } from './support/child-server.ts';
import { DIALECTS } from './support/databases.ts';
import { HASURA_API, seedHasuraGuide, type HasuraFixture, signInToHasura } from './support/seed.ts';
import { startTestServer, type TestServer } from './support/server.ts';

// Several processes share one PostgreSQL database in production; SQLite is single-process.
describe.runIf(DIALECTS.includes('postgres'))('two server processes on one PostgreSQL database', () => {
  let a: TestServer;
  let b: ChildServer;
  let fx: HasuraFixture;

  beforeAll(async () => {
    a = await startTestServer('postgres');
    fx = await seedHasuraGuide(a);
    // Same database, same public endpoint as far as tokens go: the issuer must match.
    b = await startChildServer({ DATABASE_URL: a.databaseUrl, ENDPOINT: a.endpoint });
  }, 60_000);
  afterAll(async () => {
    await b?.stop();
    await a?.stop();
  });

  it('shares signing keys: a token issued by one verifies with the other JWKS', async () => {
    const { tokens } = await signInToHasura(a.issuer, fx);
    const { payload } = await jwtVerify(tokens.access_token, createRemoteJWKSet(new URL(`${b.endpoint}/oidc/jwks`)), {
      issuer: a.issuer,
      audience: HASURA_API,
    });
    expect(payload.sub).toBe(fx.user.id);
  });

  it('reflects a role removed through one process in the next refresh through the other', async () => {
    const { tokens } = await signInToHasura(a.issuer, fx);
    expect(decodeJwt(tokens.access_token).scope).toBe('read:user maintain:user');
    // Warm process B's role cache first, so the test proves invalidation, not a cold read.
    // Both processes share ENDPOINT (as behind a load balancer); send the refreshes to B.
    const viaB = await discover(a.issuer, fx.spa.id);
    const bConfig = new oidc.Configuration(
      { ...viaB.serverMetadata(), token_endpoint: `${b.endpoint}/oidc/token` } as unknown as oidc.ServerMetadata,
      fx.spa.id,
      undefined,
      oidc.None(),
    );
    oidc.allowInsecureRequests(bConfig);
    const warm = await oidc.refreshTokenGrant(bConfig, tokens.refresh_token!, { resource: HASURA_API });
    expect(decodeJwt(warm.access_token).scope).toBe('read:user maintain:user');
    expect((await a.api('DELETE', `/users/${fx.user.id}/roles/${fx.roles.maintainer}`)).status).toBe(204);
    // LISTEN/NOTIFY delivers the invalidation well within a second; allow for it.
    await new Promise((r) => setTimeout(r, 1000));
    const after = await oidc.refreshTokenGrant(bConfig, warm.refresh_token!, { resource: HASURA_API });
    expect(decodeJwt(after.access_token).scope).toBe('read:user');
  });
});

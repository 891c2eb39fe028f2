import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../support/databases.ts';
import { HASURA_API, seedHasuraGuide, signInToHasura, type HasuraFixture } from '../support/seed.ts';
import { startTestServer, type TestServer } from '../support/server.ts';

// AUDIT_LOG_TOKEN_EXCHANGES=false: successful token requests (one insert per refresh) are not
// audited; a refused one, refresh token reuse and the sign-in itself still are.
describe.each(DIALECTS)('AUDIT_LOG_TOKEN_EXCHANGES=false (%s)', (dialect) => {
  let server: TestServer;
  let fx: HasuraFixture;

  beforeAll(async () => {
    server = await startTestServer(dialect, { env: { AUDIT_LOG_TOKEN_EXCHANGES: 'false' } });
    fx = await seedHasuraGuide(server);
  });
  afterAll(() => server?.stop());

  const refresh = async (refreshToken: string) => {
    const res = await fetch(`${server.issuer}/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ grant_type: 'refresh_token', refresh_token: refreshToken, client_id: fx.spa.id, resource: HASURA_API }),
    });
    return { status: res.status, body: (await res.json()) as Record<string, unknown> };
  };
  const entries = async (logKey: string) => (await server.api('GET', `/logs?logKey=${logKey}`)).body as Array<{ payload: any }>;

  it('records no successful token exchange, but refusals and reuse', async () => {
    const { tokens } = await signInToHasura(server.issuer, fx);
    const first = await refresh(tokens.refresh_token!);
    expect(first.status).toBe(200);
    expect((await refresh(String(first.body.refresh_token))).status).toBe(200);
    // Reusing the first refresh token: refused, and the grant revoked.
    expect((await refresh(tokens.refresh_token!)).status).toBe(400);

    // Entries land after the response: wait for the reuse, written last.
    await expect.poll(async () => (await entries('RefreshToken.ReuseDetected')).length, { timeout: 10_000 }).toBe(1);
    const refreshes = await entries('ExchangeTokenBy.RefreshToken');
    expect(refreshes.map((e) => e.payload.result)).toEqual(['Error']);
    expect(refreshes[0].payload.error).toMatch(/already used/);
    expect(await entries('ExchangeTokenBy.AuthorizationCode')).toEqual([]);
    expect((await entries('Interaction.SignIn.Submit')).map((e) => e.payload.result)).toContain('Success');
  });
});

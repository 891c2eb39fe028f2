import { createLocalJWKSet, decodeProtectedHeader, jwtVerify, type JSONWebKeySet } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jwksRefreshPlan } from '../src/domain/hasura-model/index.ts';
import { DIALECTS } from './support/databases.ts';
import { HASURA_API, seedHasuraGuide } from './support/seed.ts';
import { clientCredentialsToken, startTestServer, type TestServer } from './support/server.ts';

/**
 * A verifier that polls /oidc/jwks exactly as HASURA.md section 4 says Hasura does (refetch
 * only when the Cache-Control max-age has run out) must never meet a token signed by a key it
 * has not fetched, across two rotations under continuous issuance.
 */
describe.each(DIALECTS)('signing key rotation that Hasura can follow (%s)', (dialect) => {
  let server: TestServer;
  let app: { id: string; secret: string };

  beforeAll(async () => {
    server = await startTestServer(dialect, { env: { JWKS_MAX_AGE: '1', KEY_ROTATION_LEAD_TIME: '2' } });
    const fx = await seedHasuraGuide(server);
    const role = await server.api('POST', '/roles', { name: 'svc', type: 'MachineToMachine', scopeIds: [fx.scopes.read] });
    const created = await server.api('POST', '/applications', { name: 'svc', type: 'MachineToMachine' });
    await server.api('POST', `/applications/${created.body.id}/roles`, { roleIds: [role.body.id] });
    app = { id: created.body.id, secret: created.body.secret };
  });
  afterAll(() => server?.stop());

  it('publishes each new key before it signs and keeps the old one while its tokens live', async () => {
    let jwks: JSONWebKeySet = { keys: [] };
    let expiresAt = 0;
    const plans: Array<number | null> = [];
    const fetchJwks = async () => {
      const res = await fetch(`${server.issuer}/jwks`);
      const plan = jwksRefreshPlan(res.headers);
      plans.push(plan.refreshAfterSeconds);
      jwks = (await res.json()) as JSONWebKeySet;
      expiresAt = Date.now() + (plan.refreshAfterSeconds ?? 3600) * 1000;
    };
    await fetchJwks();
    // Hasura's poller wakes every second on its own and refetches once max-age has passed.
    let polling = false;
    const poller = setInterval(() => {
      if (polling || Date.now() < expiresAt) return;
      polling = true;
      void fetchJwks().finally(() => (polling = false));
    }, 100);

    const failures: string[] = [];
    const kids = new Set<string>();
    let issued = 0;
    const started = Date.now();
    const rotations = [500, 3500];
    let rotated = 0;
    while (Date.now() - started < 7000) {
      const elapsed = Date.now() - started;
      if (rotated < rotations.length && elapsed >= rotations[rotated]) {
        expect((await server.api('POST', '/configs/oidc/signing-keys/rotate', {})).status).toBe(201);
        rotated += 1;
      }
      const { status, body } = await clientCredentialsToken(server.endpoint, app.id, app.secret, {
        resource: HASURA_API,
        scope: 'read:user',
      });
      expect(status).toBe(200);
      issued += 1;
      const { kid } = decodeProtectedHeader(body.access_token);
      kids.add(kid!);
      try {
        await jwtVerify(body.access_token, createLocalJWKSet(jwks), { issuer: server.issuer, audience: HASURA_API });
      } catch (error) {
        failures.push(`${Date.now() - started}ms kid=${kid}: ${(error as Error).message}`);
      }
      await new Promise((r) => setTimeout(r, 25));
    }
    clearInterval(poller);
    expect(failures).toEqual([]);
    expect(issued).toBeGreaterThan(50);
    expect(new Set(plans)).toEqual(new Set([1])); // Cache-Control: max-age=1 every time
    expect(kids.size).toBe(3); // the first key and both rotated-in keys all signed
    const published = ((await (await fetch(`${server.issuer}/jwks`)).json()) as JSONWebKeySet).keys.map((k) => k.kid);
    expect(published).toEqual(expect.arrayContaining([...kids])); // old keys stay while their tokens live
    const schedule = (await server.api('GET', '/configs/oidc/signing-keys')).body as Array<{ status: string }>;
    expect(schedule.filter((k) => k.status === 'current')).toHaveLength(1);
  }, 30_000);

  it('answers a JWKS revalidation with 304 and the same ETag', async () => {
    const first = await fetch(`${server.issuer}/jwks`);
    const etag = first.headers.get('etag')!;
    expect(etag).toBeTruthy();
    const again = await fetch(`${server.issuer}/jwks`, { headers: { 'if-none-match': etag } });
    expect(again.status).toBe(304);
  });
});

import { createLocalJWKSet, decodeProtectedHeader, jwtVerify, type JSONWebKeySet } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadKeySet, rotateSigningKey } from '../../src/services/signing-keys.ts';
import { listSigningKeys } from '../../src/storage/repositories/signing-keys.ts';
import { DIALECTS } from '../support/databases.ts';
import { HASURA_API, seedHasuraGuide } from '../support/seed.ts';
import { clientCredentialsToken, startTestServer, type TestServer } from '../support/server.ts';

/** Issue 16, item 6: resource exhaustion (metrics labels, the sandbox queue, the JWKS). */

/** Runs `count` requests, `concurrency` at a time. */
async function flood(count: number, concurrency: number, request: (i: number) => Promise<unknown>) {
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < count) await request(next++);
    }),
  );
}

const routeLabels = (text: string) => new Set([...text.matchAll(/\broute="((?:[^"\\]|\\.)*)"/g)].map((m) => m[1]));

describe('metrics stay bounded and can be protected', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer('sqlite');
  });
  afterAll(() => server?.stop());

  it('keeps /metrics small and its route labels fixed after 20,000 requests to distinct unknown paths', async () => {
    const prefixes = ['/oidc/', '/api/', '/', '/sign-in/x/', '/console/'];
    await flood(20_000, 32, async (i) => {
      const res = await fetch(`${server.endpoint}${prefixes[i % prefixes.length]}probe-${i}-%22%0A`);
      await res.arrayBuffer();
    });
    const res = await fetch(`${server.endpoint}/metrics`);
    expect(res.status).toBe(200);
    const text = await res.text();
    expect(text.length).toBeLessThan(20_000);
    const labels = routeLabels(text);
    expect([...labels].filter((l) => l.includes('probe-'))).toEqual([]);
    expect(labels.has('unmatched')).toBe(true);
    expect(labels.size).toBeLessThan(20);
    // Matched routes are labelled by their template, oidc-provider's by their fixed path.
    await fetch(`${server.endpoint}/api/users/some-id`);
    await fetch(`${server.issuer}/jwks`);
    await (await fetch(`${server.issuer}/token`, { method: 'POST' })).arrayBuffer();
    const after = routeLabels(await (await fetch(`${server.endpoint}/metrics`)).text());
    expect(after).toContain('/api/users/:id');
    expect(after).toContain('/oidc/jwks');
    expect(after).toContain('/oidc/token');
  }, 120_000);

  it('requires the METRICS_TOKEN bearer token when one is set', async () => {
    const guarded = await startTestServer('sqlite', { env: { METRICS_TOKEN: 'scrape-secret-0123456789' } });
    try {
      const get = (auth?: string) => fetch(`${guarded.endpoint}/metrics`, { headers: auth ? { authorization: auth } : {} });
      const none = await get();
      expect(none.status).toBe(401);
      expect(none.headers.get('www-authenticate')).toMatch(/^Bearer/);
      expect((await get('Bearer wrong')).status).toBe(401);
      expect((await get('Bearer scrape-secret-012345678')).status).toBe(401);
      expect((await get('Basic scrape-secret-0123456789')).status).toBe(401);
      const ok = await get('Bearer scrape-secret-0123456789');
      expect(ok.status).toBe(200);
      expect(await ok.text()).toContain('gatehouse_http_requests_total');
    } finally {
      await guarded.stop();
    }
  });

  it('serves /metrics only on METRICS_PORT when it is set', async () => {
    const split = await startTestServer('sqlite', { env: { METRICS_PORT: '0', METRICS_TOKEN: 'scrape-secret-0123456789' } });
    try {
      expect(split.metricsUrl).toBeDefined();
      expect((await fetch(`${split.endpoint}/metrics`, { headers: { authorization: 'Bearer scrape-secret-0123456789' } })).status).toBe(
        404,
      );
      expect((await fetch(`${split.endpoint}/health`)).status).toBe(200);
      expect((await fetch(`${split.metricsUrl}/metrics`)).status).toBe(401);
      const ok = await fetch(`${split.metricsUrl}/metrics`, { headers: { authorization: 'Bearer scrape-secret-0123456789' } });
      expect(ok.status).toBe(200);
      // It reports the main port's traffic, and serves nothing else.
      expect(await ok.text()).toMatch(/gatehouse_http_requests_total\{route="\/health",status="2xx"\} 1/);
      expect((await fetch(`${split.metricsUrl}/health`)).status).toBe(404);
      expect((await fetch(`${split.metricsUrl}/oidc/jwks`)).status).toBe(404);
    } finally {
      await split.stop();
    }
  });
});

describe.each(DIALECTS)('a saturated claims sandbox (%s)', (dialect) => {
  let server: TestServer;
  let app: { id: string; secret: string };

  beforeAll(async () => {
    // Long enough that the looping runs hold the pool for the whole test; stop() ends them.
    server = await startTestServer(dialect, { env: { SCRIPT_TIMEOUT_MS: '30000' } });
    const fx = await seedHasuraGuide(server);
    const role = await server.api('POST', '/roles', { name: 'svc', type: 'MachineToMachine', scopeIds: [fx.scopes.read] });
    const created = await server.api('POST', '/applications', { name: 'svc', type: 'MachineToMachine' });
    await server.api('POST', `/applications/${created.body.id}/roles`, { roleIds: [role.body.id] });
    app = { id: created.body.id, secret: created.body.secret };
    const preset = await server.api('PUT', '/configs/jwt-customizer/client-credentials/presets/hasura', { resource: HASURA_API });
    expect(preset.status).toBe(200);
  });
  afterAll(() => server?.stop());

  it('refuses runs beyond the queue bound with kind busy, and the unedited preset still issues tokens', async () => {
    const token = await server.adminToken();
    const looping = 'const getCustomJwtClaims = () => { for (;;) {} };';
    let settled = 0;
    // Default pool: 2 workers x 8 in flight + 16 waiting = 32 admitted; 8 more are refused.
    const runs = Array.from({ length: 40 }, () =>
      server
        .api('POST', '/configs/jwt-customizer/test', { tokenType: 'client-credentials', script: looping }, token)
        .then((r) => r.body as { error?: { kind: string } })
        .catch(() => ({ error: { kind: 'aborted' } }))
        .finally(() => (settled += 1)),
    );
    const first = await Promise.race(runs);
    expect(first.error?.kind).toBe('busy');

    const issued = await clientCredentialsToken(server.endpoint, app.id, app.secret, { resource: HASURA_API, scope: 'read:user' });
    expect(issued.status).toBe(200);
    const claims = JSON.parse(Buffer.from(issued.body.access_token.split('.')[1], 'base64url').toString());
    expect(claims['https://hasura.io/jwt/claims']).toMatchObject({ 'x-hasura-default-role': 'svc' });
    // The token was issued while the admitted runs still held the pool.
    expect(settled).toBeLessThanOrEqual(8);
  }, 60_000);
});

describe.each(DIALECTS)('the JWKS holds only keys that can verify a live token (%s)', (dialect) => {
  let server: TestServer;
  let app: { id: string; secret: string };

  beforeAll(async () => {
    server = await startTestServer(dialect);
    const fx = await seedHasuraGuide(server);
    const role = await server.api('POST', '/roles', { name: 'svc', type: 'MachineToMachine', scopeIds: [fx.scopes.read] });
    const created = await server.api('POST', '/applications', { name: 'svc', type: 'MachineToMachine' });
    await server.api('POST', `/applications/${created.body.id}/roles`, { roleIds: [role.body.id] });
    app = { id: created.body.id, secret: created.body.secret };
  });
  afterAll(() => server?.stop());

  it('publishes the signing key and the next one after rapid rotations, and the live token still verifies', async () => {
    const issued = await clientCredentialsToken(server.endpoint, app.id, app.secret, { resource: HASURA_API, scope: 'read:user' });
    expect(issued.status).toBe(200);
    for (let i = 0; i < 6; i++) expect((await server.api('POST', '/configs/oidc/signing-keys/rotate', {})).status).toBe(201);
    await server.app.oidc.reload(); // the change bus reloads it too; do not wait for that
    const jwks = (await (await fetch(`${server.issuer}/jwks`)).json()) as JSONWebKeySet;
    expect(jwks.keys).toHaveLength(2);
    expect(jwks.keys.map((k) => k.kid)).toContain(decodeProtectedHeader(issued.body.access_token).kid);
    await jwtVerify(issued.body.access_token, createLocalJWKSet(jwks), { issuer: server.issuer, audience: HASURA_API });
  });

  it('after rotations on a simulated clock and the tokens expired, keeps only the key that signs', async () => {
    const deps = server.app.deps;
    const lead = deps.config.keyRotationLeadTime * 1000;
    const base = Date.now();
    // Five rotations a second apart: each supersedes the previous key before it activated.
    let last = '';
    for (let i = 1; i <= 5; i++) last = (await rotateSigningKey(deps, { now: base + i * 1000 })).kid;
    const takeover = base + 5000 + lead;
    const atTakeover = await loadKeySet(deps.db, takeover);
    expect(atTakeover.signing.kid).toBe(last);
    // The new key and the one that signed until now: nothing else was ever signing.
    expect(atTakeover.published).toHaveLength(2);

    // Past the longest lifetime of anything the old key signed: only the signing key is left,
    // and the next rotation deletes the retired key from storage.
    const retention = (Math.max(deps.config.accessTokenTtl, 3600) + deps.config.jwksMaxAge + 60) * 1000;
    const later = takeover + retention + 1;
    expect((await loadKeySet(deps.db, later)).published.map((k) => k.kid)).toEqual([last]);
    const next = (await rotateSigningKey(deps, { now: later })).kid;
    expect((await listSigningKeys(deps.db)).map((k) => k.id).sort()).toEqual([last, next].sort());
  });
});

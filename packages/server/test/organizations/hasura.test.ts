import { decodeJwt } from 'jose';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postgresArrayLiteral } from '../../src/domain/hasura/pg-array.ts';
import { decideJwt, parseJwtSecret } from '../../src/domain/hasura-model/index.ts';
import { DIALECTS } from '../support/databases.ts';
import { HASURA_API } from '../support/seed.ts';
import { clientCredentialsToken, startTestServer, type TestServer } from '../support/server.ts';
import { ok, refresh, seedOrganizations, signInWithOrganizations, type OrganizationFixture } from './org-fixture.ts';

const formats = [
  { name: 'json', format: 'json' },
  { name: 'stringified_json', format: 'stringified_json' },
  { name: 'custom namespace', format: { namespace: 'https://example.com/hasura' } },
  { name: 'namespace path', format: { namespacePath: 'hasura.claims' } },
] as const;

/**
 * Organizations for Hasura without a script: the preset's org-scoped tokens judged by our
 * emulation of Hasura v2 in every claim format, and the webhook's per-request organization.
 */
describe.each(DIALECTS)('Hasura with organizations (%s)', (dialect) => {
  let server: TestServer;
  let fx: OrganizationFixture;
  let refreshToken: string;

  beforeAll(async () => {
    server = await startTestServer(dialect);
    fx = await seedOrganizations(server);
    refreshToken = (await signInWithOrganizations(server.issuer, fx)).tokens.refresh_token!;
  }, 60_000);
  afterAll(() => server?.stop());

  const token = async (params: Record<string, string>) => {
    const r = await refresh(server.endpoint, fx.spa.id, refreshToken, params);
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    refreshToken = r.body.refresh_token;
    return r.body.access_token as string;
  };
  const hasura = async (secret: unknown, accessToken: string, role?: string) => {
    const parsed = parseJwtSecret(secret as object);
    if (!parsed.ok) throw new Error(`Hasura would not start: ${parsed.error.message}`);
    return decideJwt({
      config: parsed.config,
      jwks: await (await fetch(`${server.issuer}/jwks`)).json(),
      headers: { authorization: `Bearer ${accessToken}`, ...(role ? { 'x-hasura-role': role } : {}) },
    });
  };
  const webhook = async (accessToken: string, headers: Record<string, string> = {}) => {
    const res = await fetch(`${server.endpoint}/api/authn/hasura?resource=${encodeURIComponent(HASURA_API)}`, {
      headers: { authorization: `Bearer ${accessToken}`, ...headers },
    });
    return { status: res.status, body: (await res.json()) as Record<string, string> };
  };

  it.each(formats)('accepts org-scoped preset tokens with the right org id and roles in the $name format', async ({ format }) => {
    await ok(
      server.api('PUT', '/configs/jwt-customizer/access-token/presets/hasura', {
        resource: HASURA_API,
        format,
        environmentVariables: { USER_DEFAULT_ROLE_NAMES: 'editor', HASURA_ORG_IDS: 'true' },
      }),
    );
    const secret = await ok(server.api('GET', `/hasura/jwt-secret?resource=${encodeURIComponent(HASURA_API)}`));
    const orgIds = expect.stringMatching(new RegExp(`^\\{(${fx.orgs.a},${fx.orgs.b}|${fx.orgs.b},${fx.orgs.a})\\}$`));

    const inA = await hasura(secret, await token({ organization_id: fx.orgs.a, resource: HASURA_API }));
    expect(inA).toMatchObject({ accepted: true, role: 'editor' });
    expect(inA.accepted && inA.session).toMatchObject({
      'x-hasura-user-id': fx.user.id,
      'x-hasura-org-id': fx.orgs.a,
      'x-hasura-org-ids': orgIds,
    });
    const tokenA = await token({ organization_id: fx.orgs.a, resource: HASURA_API });
    expect(await hasura(secret, tokenA, 'user:reader')).toMatchObject({ accepted: true, role: 'user:reader' });
    expect(await hasura(secret, tokenA, 'viewer')).toMatchObject({ accepted: false, code: 'access-denied' });

    // In B the user is viewer: editor (the preferred default) is not allowed there, the first allowed role is.
    const tokenB = await token({ organization_id: fx.orgs.b, resource: HASURA_API });
    const inB = await hasura(secret, tokenB);
    expect(inB).toMatchObject({ accepted: true, role: 'user:reader' });
    expect(inB.accepted && inB.session['x-hasura-org-id']).toBe(fx.orgs.b);
    expect(await hasura(secret, tokenB, 'viewer')).toMatchObject({ accepted: true, role: 'viewer' });
    expect(await hasura(secret, tokenB, 'editor')).toMatchObject({ accepted: false, code: 'access-denied' });

    // No organization: global roles only, no org id, the organization list still there.
    const none = await hasura(secret, await token({ resource: HASURA_API }));
    expect(none).toMatchObject({ accepted: true, role: 'user:reader' });
    expect(none.accepted && none.session['x-hasura-org-id']).toBeUndefined();
    expect(none.accepted && none.session['x-hasura-org-ids']).toEqual(orgIds);

    // The organization token itself is issued, carries no Hasura claims, and Hasura does not take it.
    const orgToken = await token({ organization_id: fx.orgs.a });
    expect(Object.keys(decodeJwt(orgToken)).some((k) => k.includes('hasura'))).toBe(false);
    expect(await hasura(secret, orgToken)).toMatchObject({ accepted: false, code: 'invalid-jwt' });
  });

  it('gives a member machine app its org id and org roles through client credentials', async () => {
    // The JWT secret names the access-token preset's claim location: both in the json format.
    await ok(server.api('PUT', '/configs/jwt-customizer/access-token/presets/hasura', { resource: HASURA_API }));
    await ok(server.api('PUT', '/configs/jwt-customizer/client-credentials/presets/hasura', { resource: HASURA_API }));
    const secret = await ok(server.api('GET', `/hasura/jwt-secret?resource=${encodeURIComponent(HASURA_API)}`));
    const r = await clientCredentialsToken(server.endpoint, fx.machine.id, fx.machine.secret, {
      organization_id: fx.orgs.a,
      resource: HASURA_API,
      scope: 'read:user',
    });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    const decision = await hasura(secret, r.body.access_token);
    expect(decision).toMatchObject({ accepted: true, role: 'bot' });
    expect(decision.accepted && decision.session).toMatchObject({ 'x-hasura-user-id': fx.machine.id, 'x-hasura-org-id': fx.orgs.a });
    // Outside an organization the app holds no Hasura role: the preset refuses the token.
    const plain = await clientCredentialsToken(server.endpoint, fx.machine.id, fx.machine.secret, {
      resource: HASURA_API,
      scope: 'read:user',
    });
    expect(plain).toMatchObject({ status: 400, body: { error: 'access_denied' } });
    await ok(server.api('DELETE', '/configs/jwt-customizer/client-credentials'));
  });

  it('switches organization per request at the webhook, checking current membership and the role held there', async () => {
    const plain = await token({ resource: HASURA_API });
    expect(await webhook(plain)).toMatchObject({ status: 200, body: { 'X-Hasura-Role': 'user:reader' } });
    expect((await webhook(plain)).body['X-Hasura-Org-Id']).toBeUndefined();
    expect(await webhook(plain, { 'x-hasura-org-id': fx.orgs.a, 'x-hasura-role': 'editor' })).toMatchObject({
      status: 200,
      body: { 'X-Hasura-User-Id': fx.user.id, 'X-Hasura-Role': 'editor', 'X-Hasura-Org-Id': fx.orgs.a },
    });
    expect(await webhook(plain, { 'x-hasura-org-id': fx.orgs.b, 'x-hasura-role': 'viewer' })).toMatchObject({
      status: 200,
      body: { 'X-Hasura-Role': 'viewer', 'X-Hasura-Org-Id': fx.orgs.b },
    });
    // A global role holds in any organization the user is in; an org role only in its own.
    expect(await webhook(plain, { 'x-hasura-org-id': fx.orgs.b, 'x-hasura-role': 'user:reader' })).toMatchObject({ status: 200 });
    expect(await webhook(plain, { 'x-hasura-org-id': fx.orgs.b, 'x-hasura-role': 'editor' })).toMatchObject({
      status: 401,
      body: { error: 'role_not_held' },
    });
    expect(await webhook(plain, { 'x-hasura-role': 'editor' })).toMatchObject({ status: 401, body: { error: 'role_not_held' } });
    expect(await webhook(plain, { 'x-hasura-org-id': fx.orgs.c })).toMatchObject({ status: 401, body: { error: 'not_a_member' } });

    // POST mode (Hasura sends the client's headers in the body) and the token's own organization.
    const inA = await token({ organization_id: fx.orgs.a, resource: HASURA_API });
    const posted = await fetch(`${server.endpoint}/api/authn/hasura?resource=${encodeURIComponent(HASURA_API)}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ headers: { Authorization: `Bearer ${inA}`, 'X-Hasura-Role': 'editor' }, request: {} }),
    });
    expect(await posted.json()).toMatchObject({ 'X-Hasura-Role': 'editor', 'X-Hasura-Org-Id': fx.orgs.a });
    expect(await webhook(inA, { 'x-hasura-org-id': fx.orgs.b })).toMatchObject({ status: 401, body: { error: 'organization_mismatch' } });

    // Removing the membership is refused at the very next call (the cache is invalidated).
    await ok(server.api('DELETE', `/organizations/${fx.orgs.b}/users/${fx.user.id}`));
    try {
      expect(await webhook(plain, { 'x-hasura-org-id': fx.orgs.b, 'x-hasura-role': 'viewer' })).toMatchObject({
        status: 401,
        body: { error: 'not_a_member' },
      });
    } finally {
      await ok(server.api('POST', `/organizations/${fx.orgs.b}/users`, { userIds: [fx.user.id] }));
      await ok(server.api('POST', `/organizations/${fx.orgs.b}/users/${fx.user.id}/roles`, { organizationRoleIds: [fx.orgRoles.viewer] }));
    }
  });

  it('lists the organizations as X-Hasura-Org-Ids at the webhook when the preset asks for it', async () => {
    await ok(
      server.api('PUT', '/configs/jwt-customizer/access-token/presets/hasura', {
        resource: HASURA_API,
        environmentVariables: { HASURA_ORG_IDS: 'true' },
      }),
    );
    const plain = await token({ resource: HASURA_API });
    const listed = (await webhook(plain)).body['X-Hasura-Org-Ids'];
    expect([postgresArrayLiteral([fx.orgs.a, fx.orgs.b]), postgresArrayLiteral([fx.orgs.b, fx.orgs.a])]).toContain(listed);
  });

  it('makes the doctor explain organization tokens and org-scoped claims', async () => {
    await ok(
      server.api('PUT', '/configs/jwt-customizer/access-token/presets/hasura', {
        resource: HASURA_API,
        environmentVariables: { HASURA_ORG_IDS: 'true' },
      }),
    );
    const jwtSecret = await ok(server.api('GET', `/hasura/jwt-secret?resource=${encodeURIComponent(HASURA_API)}`));
    const scoped = await ok(
      server.api('POST', '/hasura/doctor', { jwtSecret, token: await token({ organization_id: fx.orgs.a, resource: HASURA_API }) }),
    );
    expect(scoped.verdict).toBe('accepted');
    expect(scoped.notes.join('\n')).toContain(`x-hasura-org-id is ${fx.orgs.a}`);
    expect(scoped.notes.join('\n')).toContain('x-hasura-org-ids is a Postgres array literal');
    const orgToken = await ok(server.api('POST', '/hasura/doctor', { jwtSecret, token: await token({ organization_id: fx.orgs.a }) }));
    expect(orgToken.verdict).toBe('rejected');
    expect(orgToken.notes.join('\n')).toContain('this is an organization token');
  });

  it.runIf(dialect === 'postgres')('writes an array variable PostgreSQL reads back as the same names', async () => {
    const names = ['Acme, Inc.', 'the "best" org', '{braces}', 'back\\slash', ' padded ', 'NULL', '', 'plain'];
    const { rows } = await sql<{ names: string[] }>`select ${postgresArrayLiteral(names)}::text[] as names`.execute(server.app.deps.db);
    expect(rows[0]?.names).toEqual(names);
  });
});

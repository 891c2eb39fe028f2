import { decodeJwt } from 'jose';
import * as oidc from 'openid-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startChildServer, type ChildServer } from '../support/child-server.ts';
import { DIALECTS } from '../support/databases.ts';
import { HASURA_API } from '../support/seed.ts';
import { clientCredentialsToken, startTestServer, type TestServer } from '../support/server.ts';
import { ok, refresh, seedOrganizations, signInWithOrganizations, type OrganizationFixture } from './org-fixture.ts';

const scopes = (token: string) => {
  const { scope } = decodeJwt(token);
  return new Set(typeof scope === 'string' ? scope.split(' ').filter(Boolean) : []);
};

describe.each(DIALECTS)('organization tokens, Logto protocol (%s)', (dialect) => {
  let server: TestServer;
  let fx: OrganizationFixture;

  beforeAll(async () => {
    server = await startTestServer(dialect);
    fx = await seedOrganizations(server);
  }, 60_000);
  afterAll(() => server?.stop());

  it('puts organizations and organization_roles in the ID token and userinfo', async () => {
    const { config, tokens } = await signInWithOrganizations(server.issuer, fx);
    const claims = tokens.claims()!;
    // Creation order, which equal timestamps could swap: compared as sets.
    expect(new Set(claims.organizations as string[])).toEqual(new Set([fx.orgs.a, fx.orgs.b]));
    expect(new Set(claims.organization_roles as string[])).toEqual(new Set([`${fx.orgs.a}:editor`, `${fx.orgs.b}:viewer`]));
    const info = await oidc.fetchUserInfo(config, tokens.access_token, fx.user.id);
    expect(new Set(info.organizations as string[])).toEqual(new Set([fx.orgs.a, fx.orgs.b]));
    expect(new Set(info.organization_roles as string[])).toEqual(new Set([`${fx.orgs.a}:editor`, `${fx.orgs.b}:viewer`]));
  });

  it('issues organization tokens and organization-scoped API tokens with exactly the right scopes', async () => {
    const { tokens } = await signInWithOrganizations(server.issuer, fx);
    let rt = tokens.refresh_token!;
    const grant = async (params: Record<string, string>) => {
      const r = await refresh(server.endpoint, fx.spa.id, rt, params);
      expect(r.status, JSON.stringify(r.body)).toBe(200);
      rt = r.body.refresh_token;
      return r.body;
    };

    const orgA = await grant({ organization_id: fx.orgs.a });
    expect(decodeJwt(orgA.access_token)).toMatchObject({ aud: `urn:logto:organization:${fx.orgs.a}`, sub: fx.user.id });
    expect(scopes(orgA.access_token)).toEqual(new Set(['invite:member', 'read:members']));
    expect(decodeJwt(orgA.access_token).organization_id).toBeUndefined();
    const orgB = await grant({ organization_id: fx.orgs.b });
    expect(decodeJwt(orgB.access_token).aud).toBe(`urn:logto:organization:${fx.orgs.b}`);
    expect(scopes(orgB.access_token)).toEqual(new Set(['read:members']));
    // Intersected with what was asked.
    const narrow = await grant({ organization_id: fx.orgs.a, scope: 'read:members' });
    expect(scopes(narrow.access_token)).toEqual(new Set(['read:members']));

    const apiA = await grant({ organization_id: fx.orgs.a, resource: HASURA_API });
    expect(decodeJwt(apiA.access_token)).toMatchObject({ aud: HASURA_API, organization_id: fx.orgs.a });
    expect(scopes(apiA.access_token)).toEqual(new Set(['read:user', 'maintain:user']));
    const apiB = await grant({ organization_id: fx.orgs.b, resource: HASURA_API });
    expect(decodeJwt(apiB.access_token)).toMatchObject({ aud: HASURA_API, organization_id: fx.orgs.b });
    expect(scopes(apiB.access_token)).toEqual(new Set(['read:user', 'view:org']));
  });

  it('never gives an API token without organization_id the scopes of organization roles (no cross-tenant leak)', async () => {
    const { tokens } = await signInWithOrganizations(server.issuer, fx);
    const plain = await refresh(server.endpoint, fx.spa.id, tokens.refresh_token!, { resource: HASURA_API });
    expect(plain.status).toBe(200);
    // editor (A) grants maintain:user and viewer (B) view:org, but only inside their organization.
    expect(scopes(plain.body.access_token)).toEqual(new Set(['read:user']));
    expect(decodeJwt(plain.body.access_token).organization_id).toBeUndefined();
  });

  it('refuses a non-member, and a refresh token without the organizations scope', async () => {
    const { tokens } = await signInWithOrganizations(server.issuer, fx);
    for (const params of [{ organization_id: fx.orgs.c }, { organization_id: fx.orgs.c, resource: HASURA_API }] as Array<
      Record<string, string>
    >) {
      const r = await refresh(server.endpoint, fx.spa.id, tokens.refresh_token!, params);
      expect(r).toMatchObject({
        status: 403,
        body: { error: 'access_denied', error_description: 'user is not a member of the organization' },
      });
    }
    // The refusals burned nothing: the same refresh token still works.
    expect((await refresh(server.endpoint, fx.spa.id, tokens.refresh_token!, { organization_id: fx.orgs.a })).status).toBe(200);

    const without = await signInWithOrganizations(server.issuer, fx, 'openid offline_access read:user maintain:user');
    const r = await refresh(server.endpoint, fx.spa.id, without.tokens.refresh_token!, {
      organization_id: fx.orgs.a,
      resource: HASURA_API,
    });
    expect(r).toMatchObject({ status: 403, body: { error: 'insufficient_scope' } });
  });

  it('re-checks membership at every refresh, without burning the refused refresh token', async () => {
    const { tokens } = await signInWithOrganizations(server.issuer, fx);
    const first = await refresh(server.endpoint, fx.spa.id, tokens.refresh_token!, { organization_id: fx.orgs.b, resource: HASURA_API });
    expect(first.status).toBe(200);
    await ok(server.api('DELETE', `/organizations/${fx.orgs.b}/users/${fx.user.id}`));
    try {
      const refused = await refresh(server.endpoint, fx.spa.id, first.body.refresh_token, {
        organization_id: fx.orgs.b,
        resource: HASURA_API,
      });
      expect(refused).toMatchObject({ status: 403, body: { error: 'access_denied' } });
      const orgToken = await refresh(server.endpoint, fx.spa.id, first.body.refresh_token, { organization_id: fx.orgs.b });
      expect(orgToken.status).toBe(403);
      // Global-only tokens are unaffected, and the refresh token was not consumed by the refusals.
      const plain = await refresh(server.endpoint, fx.spa.id, first.body.refresh_token, { resource: HASURA_API });
      expect(plain.status).toBe(200);
      expect(scopes(plain.body.access_token)).toEqual(new Set(['read:user']));
    } finally {
      await ok(server.api('POST', `/organizations/${fx.orgs.b}/users`, { userIds: [fx.user.id] }));
      await ok(server.api('POST', `/organizations/${fx.orgs.b}/users/${fx.user.id}/roles`, { organizationRoleIds: [fx.orgRoles.viewer] }));
    }
    // Removing a role (not the membership) drops its scopes at the next refresh.
    await ok(server.api('DELETE', `/organizations/${fx.orgs.a}/users/${fx.user.id}/roles/${fx.orgRoles.editor}`));
    try {
      const again = await signInWithOrganizations(server.issuer, fx);
      const r = await refresh(server.endpoint, fx.spa.id, again.tokens.refresh_token!, {
        organization_id: fx.orgs.a,
        resource: HASURA_API,
      });
      expect(scopes(r.body.access_token)).toEqual(new Set(['read:user']));
      const org = await refresh(server.endpoint, fx.spa.id, r.body.refresh_token, { organization_id: fx.orgs.a });
      expect(org.status).toBe(200);
      expect(scopes(org.body.access_token)).toEqual(new Set());
    } finally {
      await ok(server.api('POST', `/organizations/${fx.orgs.a}/users/${fx.user.id}/roles`, { organizationRoleIds: [fx.orgRoles.editor] }));
    }
  });

  it("answers Logto's SDK requests from openid-client with Logto's token shapes", async () => {
    const { config, tokens } = await signInWithOrganizations(server.issuer, fx);
    // getOrganizationToken(orgId): grant_type=refresh_token&organization_id=...
    const org = await oidc.refreshTokenGrant(config, tokens.refresh_token!, { organization_id: fx.orgs.a });
    expect(org).toMatchObject({ token_type: 'bearer', scope: expect.any(String), expires_in: expect.any(Number) });
    expect(org.refresh_token).toEqual(expect.any(String));
    const orgClaims = decodeJwt(org.access_token);
    expect(orgClaims).toMatchObject({
      iss: server.issuer,
      sub: fx.user.id,
      aud: `urn:logto:organization:${fx.orgs.a}`,
      client_id: fx.spa.id,
    });
    expect(new Set(org.scope!.split(' '))).toEqual(new Set(['invite:member', 'read:members']));
    // getAccessToken(resource, orgId): the same plus resource=...
    const api = await oidc.refreshTokenGrant(config, org.refresh_token!, { organization_id: fx.orgs.a, resource: HASURA_API });
    expect(decodeJwt(api.access_token)).toMatchObject({ aud: HASURA_API, organization_id: fx.orgs.a, sub: fx.user.id });
    expect(new Set(api.scope!.split(' '))).toEqual(new Set(['read:user', 'maintain:user']));
    await expect(oidc.refreshTokenGrant(config, api.refresh_token!, { organization_id: fx.orgs.c })).rejects.toMatchObject({
      error: 'access_denied',
    });
  });

  it('issues client_credentials organization tokens to a member machine app', async () => {
    const org = await clientCredentialsToken(server.endpoint, fx.machine.id, fx.machine.secret, {
      organization_id: fx.orgs.a,
      scope: 'read:members invite:member',
    });
    expect(org.status, JSON.stringify(org.body)).toBe(200);
    expect(decodeJwt(org.body.access_token)).toMatchObject({ aud: `urn:logto:organization:${fx.orgs.a}`, sub: fx.machine.id });
    expect(scopes(org.body.access_token)).toEqual(new Set(['read:members']));

    const api = await clientCredentialsToken(server.endpoint, fx.machine.id, fx.machine.secret, {
      organization_id: fx.orgs.a,
      resource: HASURA_API,
      scope: 'read:user maintain:user',
    });
    expect(decodeJwt(api.body.access_token)).toMatchObject({ aud: HASURA_API, organization_id: fx.orgs.a });
    expect(scopes(api.body.access_token)).toEqual(new Set(['read:user']));
    // Without organization_id its organization role grants nothing.
    const plain = await clientCredentialsToken(server.endpoint, fx.machine.id, fx.machine.secret, {
      resource: HASURA_API,
      scope: 'read:user',
    });
    expect(plain.status).toBe(200);
    expect(scopes(plain.body.access_token)).toEqual(new Set());

    const other = await clientCredentialsToken(server.endpoint, fx.machine.id, fx.machine.secret, { organization_id: fx.orgs.b });
    expect(other).toMatchObject({
      status: 403,
      body: { error: 'access_denied', error_description: 'app has not associated with the organization' },
    });
  });

  it('passes context.organization and the organization lists to custom claims scripts', async () => {
    const script = `const getCustomJwtClaims = async ({ context }) => ({
      org: context.organization ? { id: context.organization.id, name: context.organization.name, roles: context.organization.roles.map((r) => r.name) } : null,
      orgs: context.user.organizations.map((o) => o.name).sort(),
      orgRoles: context.user.organizationRoles.map((r) => r.organizationId + ':' + r.roleName).sort(),
    });`;
    await ok(server.api('PUT', '/configs/jwt-customizer/access-token', { script, environmentVariables: {} }));
    try {
      const { tokens } = await signInWithOrganizations(server.issuer, fx);
      const r = await refresh(server.endpoint, fx.spa.id, tokens.refresh_token!, { organization_id: fx.orgs.a, resource: HASURA_API });
      expect(decodeJwt(r.body.access_token)).toMatchObject({
        organization_id: fx.orgs.a,
        org: { id: fx.orgs.a, name: 'Org A', roles: ['editor'] },
        orgs: ['Org A', 'Org B'],
        orgRoles: [`${fx.orgs.a}:editor`, `${fx.orgs.b}:viewer`].sort(),
      });
      const plain = await refresh(server.endpoint, fx.spa.id, r.body.refresh_token, { resource: HASURA_API });
      expect(decodeJwt(plain.body.access_token).org).toBeNull();
    } finally {
      await ok(server.api('DELETE', '/configs/jwt-customizer/access-token'));
    }
  });
});

describe.runIf(DIALECTS.includes('postgres'))('organization membership across two processes (postgres)', () => {
  let a: TestServer;
  let b: ChildServer;
  let fx: OrganizationFixture;

  beforeAll(async () => {
    a = await startTestServer('postgres');
    fx = await seedOrganizations(a);
    b = await startChildServer({ DATABASE_URL: a.databaseUrl, ENDPOINT: a.endpoint });
  }, 60_000);
  afterAll(async () => {
    await b?.stop();
    await a?.stop();
  });

  it('refuses, through the other process, a refresh and a webhook call for a membership removed there', async () => {
    const { tokens } = await signInWithOrganizations(a.issuer, fx);
    // Warm process B's caches first, so the test proves invalidation, not a cold read.
    const warm = await refresh(b.endpoint, fx.spa.id, tokens.refresh_token!, { organization_id: fx.orgs.b, resource: HASURA_API });
    expect(warm.status).toBe(200);
    const webhook = () =>
      fetch(`${b.endpoint}/api/authn/hasura?resource=${encodeURIComponent(HASURA_API)}`, {
        headers: { authorization: `Bearer ${warm.body.access_token}`, 'x-hasura-org-id': fx.orgs.b, 'x-hasura-role': 'viewer' },
      });
    expect((await webhook()).status).toBe(200);

    await ok(a.api('DELETE', `/organizations/${fx.orgs.b}/users/${fx.user.id}`));
    // LISTEN/NOTIFY delivers the invalidation well within a second; allow for it.
    await new Promise((r) => setTimeout(r, 1000));
    const refused = await webhook();
    expect(refused.status).toBe(401);
    expect(await refused.json()).toMatchObject({ error: 'not_a_member' });
    const again = await refresh(b.endpoint, fx.spa.id, warm.body.refresh_token, { organization_id: fx.orgs.b, resource: HASURA_API });
    expect(again).toMatchObject({ status: 403, body: { error: 'access_denied' } });
  });
});

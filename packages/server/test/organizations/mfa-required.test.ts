import { decodeJwt } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../support/databases.ts';
import { HASURA_API } from '../support/seed.ts';
import { startTestServer, type TestServer } from '../support/server.ts';
import { ok, refresh, seedOrganizations, signInWithOrganizations, type OrganizationFixture } from './org-fixture.ts';

// Logto's rule (issues 12 and 15): an organization with isMfaRequired gives no organization
// token and no organization-scoped API token to a member without a second factor, checked again
// at every refresh; a refused refresh leaves the refresh token usable.
describe.each(DIALECTS)('organizations that require MFA (%s)', (dialect) => {
  let server: TestServer;
  let fx: OrganizationFixture;

  beforeAll(async () => {
    server = await startTestServer(dialect);
    fx = await seedOrganizations(server);
    await ok(server.api('PATCH', `/organizations/${fx.orgs.a}`, { isMfaRequired: true }));
  }, 60_000);
  afterAll(() => server?.stop());

  it('refuses a member without a factor, admits them once TOTP is enrolled, and refuses again after its removal', async () => {
    const { tokens } = await signInWithOrganizations(server.issuer, fx);
    let rt = tokens.refresh_token!;
    const grant = (params: Record<string, string>) => refresh(server.endpoint, fx.spa.id, rt, params);
    const expectRefused = async (params: Record<string, string>) => {
      const r = await grant(params);
      expect(r.status, JSON.stringify(r.body)).toBe(403);
      expect(r.body.error).toBe('access_denied');
      expect(r.body.error_description).toMatch(/requires MFA/);
    };

    await expectRefused({ organization_id: fx.orgs.a });
    await expectRefused({ organization_id: fx.orgs.a, resource: HASURA_API });
    // The refusals burned nothing: the same refresh token still gets org B's token (no MFA rule there).
    const orgB = await grant({ organization_id: fx.orgs.b });
    expect(orgB.status, JSON.stringify(orgB.body)).toBe(200);
    rt = orgB.body.refresh_token;

    const created = await ok(server.api('POST', `/users/${fx.user.id}/mfa-verifications`, { type: 'Totp' }));
    expect(created.type).toBe('Totp');
    const orgA = await grant({ organization_id: fx.orgs.a });
    expect(orgA.status, JSON.stringify(orgA.body)).toBe(200);
    expect(decodeJwt(orgA.body.access_token).aud).toBe(`urn:logto:organization:${fx.orgs.a}`);
    rt = orgA.body.refresh_token;
    const apiA = await grant({ organization_id: fx.orgs.a, resource: HASURA_API });
    expect(apiA.status, JSON.stringify(apiA.body)).toBe(200);
    expect(decodeJwt(apiA.body.access_token).organization_id).toBe(fx.orgs.a);
    rt = apiA.body.refresh_token;

    const [totp] = await ok<Array<{ id: string }>>(server.api('GET', `/users/${fx.user.id}/mfa-verifications`));
    await ok(server.api('DELETE', `/users/${fx.user.id}/mfa-verifications/${totp.id}`));
    await expectRefused({ organization_id: fx.orgs.a });
    await expectRefused({ organization_id: fx.orgs.a, resource: HASURA_API });
    // Still not burned: a plain refresh with the same token works.
    const plain = await grant({});
    expect(plain.status, JSON.stringify(plain.body)).toBe(200);
  });

  it('does not apply to machine apps, whose tokens need no second factor', async () => {
    const res = await fetch(`${server.endpoint}/oidc/token`, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        authorization: `Basic ${Buffer.from(`${fx.machine.id}:${fx.machine.secret}`).toString('base64')}`,
      },
      body: new URLSearchParams({ grant_type: 'client_credentials', organization_id: fx.orgs.a }),
    });
    expect(res.status, await res.clone().text()).toBe(200);
  });
});

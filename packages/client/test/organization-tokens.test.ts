import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedOrganizations, type OrganizationFixture } from '../../server/test/organizations/org-fixture.ts';
import { HASURA_API, SPA_REDIRECT } from '../../server/test/support/seed.ts';
import { startTestServer, type TestServer } from '../../server/test/support/server.ts';
import { decodeJwtPayload } from '../src/claims.ts';
import { GatehouseClient, GatehouseError, MemoryStorage, ReservedResource, UserScope, type GatehouseConfig } from '../src/index.ts';
import { recordingFetch, signInThroughHostedPage } from './support/hosted-sign-in.ts';

const ORG_SCOPES = ['invite:member', 'read:members'];
const API_SCOPES = ['read:user', 'maintain:user', 'view:org'];
const scopeSet = (scope: string | undefined) => new Set((scope ?? '').split(' ').filter(Boolean));

/**
 * Logto's organization calls (getOrganizationToken, getAccessToken(resource, organizationId),
 * getOrganizationTokenClaims) against the real server's organization_id grants. The fixture:
 * the user is `editor` in org A (invite:member, read:members; maintain:user of the API),
 * `viewer` in B (read:members; view:org) and not in C; globally `user:reader` (read:user).
 */
describe('organization tokens (against the real server)', () => {
  let server: TestServer;
  let fx: OrganizationFixture;

  beforeAll(async () => {
    server = await startTestServer('sqlite');
    fx = await seedOrganizations(server);
  }, 60_000);
  afterAll(() => server?.stop());

  const config = (overrides: Partial<GatehouseConfig> = {}): GatehouseConfig => ({
    endpoint: server.endpoint,
    appId: fx.spa.id,
    resources: [HASURA_API],
    scopes: [UserScope.Organizations, UserScope.OrganizationRoles, ...ORG_SCOPES, ...API_SCOPES],
    storage: new MemoryStorage(),
    ...overrides,
  });

  async function signedInClient(overrides: Partial<GatehouseConfig> = {}) {
    const recorder = recordingFetch();
    const client = new GatehouseClient(config({ fetch: recorder.fetch, ...overrides }));
    await signInThroughHostedPage(client, { redirectUri: SPA_REDIRECT, username: fx.user.username, password: fx.user.password });
    recorder.reset();
    return { client, recorder };
  }

  it('asks for the reserved organization resource at sign-in when the organizations scope is configured, as Logto’s SDK', async () => {
    const withOrgs = new URL(await new GatehouseClient(config()).getSignInUrl(SPA_REDIRECT)).searchParams;
    expect(withOrgs.getAll('resource')).toEqual([HASURA_API, ReservedResource.Organization]);
    expect(withOrgs.get('scope')?.split(' ')).toContain(UserScope.Organizations);
    const without = new URL(await new GatehouseClient(config({ scopes: API_SCOPES })).getSignInUrl(SPA_REDIRECT)).searchParams;
    expect(without.getAll('resource')).toEqual([HASURA_API]);
  });

  it('gets an organization token per organization with a refresh_token grant naming organization_id and no resource', async () => {
    const { client, recorder } = await signedInClient();
    expect((await client.getIdTokenClaims()).organizations).toEqual([fx.orgs.a, fx.orgs.b]);

    const a = await client.getOrganizationTokenClaims(fx.orgs.a);
    expect(a).toMatchObject({ aud: `urn:logto:organization:${fx.orgs.a}`, sub: fx.user.id });
    expect(scopeSet(a.scope)).toEqual(new Set(ORG_SCOPES));
    expect(a.organization_id).toBeUndefined();
    const b = await client.getOrganizationTokenClaims(fx.orgs.b);
    expect(b.aud).toBe(`urn:logto:organization:${fx.orgs.b}`);
    expect(scopeSet(b.scope)).toEqual(new Set(['read:members']));

    const sent = recorder.refreshes().map((r) => new URLSearchParams(r.body));
    expect(sent.map((p) => p.get('organization_id'))).toEqual([fx.orgs.a, fx.orgs.b]);
    expect(sent.every((p) => !p.has('resource'))).toBe(true);
    // Cached per organization: asking again sends nothing.
    expect(decodeJwtPayload<{ jti: string }>(await client.getOrganizationToken(fx.orgs.a)).jti).toBe(a.jti);
    expect(recorder.refreshes()).toHaveLength(2);
  });

  it('scopes an API token to the organization asked for, and gives none without one the organization roles’ scopes', async () => {
    const { client, recorder } = await signedInClient();
    const inA = await client.getAccessTokenClaims(HASURA_API, fx.orgs.a);
    expect(inA).toMatchObject({ aud: HASURA_API, organization_id: fx.orgs.a });
    expect(scopeSet(inA.scope)).toEqual(new Set(['read:user', 'maintain:user']));
    const inB = await client.getAccessTokenClaims(HASURA_API, fx.orgs.b);
    expect(inB).toMatchObject({ aud: HASURA_API, organization_id: fx.orgs.b });
    expect(scopeSet(inB.scope)).toEqual(new Set(['read:user', 'view:org']));
    const plain = await client.getAccessTokenClaims(HASURA_API);
    expect(plain.organization_id).toBeUndefined();
    expect(scopeSet(plain.scope)).toEqual(new Set(['read:user']));
    const sent = recorder.refreshes().map((r) => Object.fromEntries(new URLSearchParams(r.body)));
    expect(sent.map((p) => [p.resource, p.organization_id])).toEqual([
      [HASURA_API, fx.orgs.a],
      [HASURA_API, fx.orgs.b],
      [HASURA_API, undefined],
    ]);
    expect(recorder.maxConcurrentTokenRequests()).toBe(1);
  });

  it('sends the organization-scoped token with fetchWithToken when given an organizationId', async () => {
    const seen: string[] = [];
    const recorder = recordingFetch();
    const { client } = await signedInClient({
      fetch: (input, init) => {
        const url = input instanceof Request ? input.url : String(input);
        if (url.startsWith('https://hasura.example.com')) {
          seen.push(new Headers(init?.headers).get('authorization') ?? '');
          return Promise.resolve(new Response('{}'));
        }
        return recorder.fetch(input, init);
      },
    });
    await client.fetchWithToken('https://hasura.example.com/v1/graphql', {
      resource: HASURA_API,
      organizationId: fx.orgs.b,
      method: 'POST',
    });
    expect(seen).toHaveLength(1);
    expect(decodeJwtPayload<{ organization_id?: string }>(seen[0].replace(/^Bearer /, '')).organization_id).toBe(fx.orgs.b);
  });

  it('refuses an organization the user is not a member of with access_denied, and keeps the session', async () => {
    const { client } = await signedInClient();
    for (const request of [() => client.getOrganizationToken(fx.orgs.c), () => client.getAccessToken(HASURA_API, fx.orgs.c)]) {
      const error = await request().catch((e: unknown) => e);
      expect(error).toBeInstanceOf(GatehouseError);
      expect(error).toMatchObject({ code: 'token_request_failed', oauthError: 'access_denied' });
      expect((error as Error).message).toContain('not a member');
    }
    expect(await client.isAuthenticated()).toBe(true);
    expect((await client.getOrganizationTokenClaims(fx.orgs.a)).aud).toBe(`urn:logto:organization:${fx.orgs.a}`);
  });

  it('needs the organizations scope configured, and sends nothing without it', async () => {
    const { client, recorder } = await signedInClient({ scopes: API_SCOPES });
    await expect(client.getOrganizationToken(fx.orgs.a)).rejects.toMatchObject({ code: 'scope_not_configured' });
    await expect(client.getAccessToken(HASURA_API, fx.orgs.a)).rejects.toMatchObject({ code: 'scope_not_configured' });
    expect(recorder.requests).toHaveLength(0);
    expect(await client.isAuthenticated()).toBe(true);
  });
});

import * as oidc from 'openid-client';
import { CookieJar, discover, navigate, submitSignIn } from '../support/browser.ts';
import { HASURA_API, seedHasuraGuide, SPA_REDIRECT, type HasuraFixture } from '../support/seed.ts';
import type { ApiResponse, TestServer } from '../support/server.ts';

const ORGANIZATION_RESOURCE = 'urn:logto:resource:organizations';
const ORGANIZATIONS_SCOPE = 'urn:logto:scope:organizations';
const ORGANIZATION_ROLES_SCOPE = 'urn:logto:scope:organization_roles';

export interface OrganizationFixture extends HasuraFixture {
  orgs: { a: string; b: string; c: string };
  orgRoles: { editor: string; viewer: string; bot: string };
  /** A machine app, member of org A with the `bot` role. */
  machine: { id: string; secret: string };
}

export async function ok<T = any>(p: Promise<ApiResponse<T>>, expected = [200, 201, 204]): Promise<T> {
  const r = await p;
  if (!expected.includes(r.status)) throw new Error(`unexpected ${r.status}: ${JSON.stringify(r.body)}`);
  return r.body;
}

/**
 * The setup: the Hasura guide's API (the user holds the global role `user:reader`),
 * two organization permissions, and three organizations. The user is `editor` in A (grants
 * `maintain:user` of the API there) and `viewer` in B (grants `view:org`), and not in C.
 */
export async function seedOrganizations(server: TestServer): Promise<OrganizationFixture> {
  const fx = await seedHasuraGuide(server, { userRoles: ['reader'] });
  const viewScope = await ok(server.api('POST', `/resources/${fx.resourceId}/scopes`, { name: 'view:org' }));
  const invite = await ok(server.api('POST', '/organization-scopes', { name: 'invite:member' }));
  const members = await ok(server.api('POST', '/organization-scopes', { name: 'read:members' }));
  const editor = await ok(
    server.api('POST', '/organization-roles', {
      name: 'editor',
      organizationScopeIds: [invite.id, members.id],
      resourceScopeIds: [fx.scopes.maintain],
    }),
  );
  const viewer = await ok(
    server.api('POST', '/organization-roles', { name: 'viewer', organizationScopeIds: [members.id], resourceScopeIds: [viewScope.id] }),
  );
  const bot = await ok(
    server.api('POST', '/organization-roles', {
      name: 'bot',
      type: 'MachineToMachine',
      organizationScopeIds: [members.id],
      resourceScopeIds: [fx.scopes.read],
    }),
  );
  // One after the other: lists are ordered by creation time, and the claims are compared in order.
  const a = await ok(server.api('POST', '/organizations', { name: 'Org A' }));
  const b = await ok(server.api('POST', '/organizations', { name: 'Org B' }));
  const c = await ok(server.api('POST', '/organizations', { name: 'Org C' }));
  await ok(server.api('POST', `/organizations/${a.id}/users`, { userIds: [fx.user.id] }));
  await ok(server.api('POST', `/organizations/${a.id}/users/${fx.user.id}/roles`, { organizationRoleIds: [editor.id] }));
  await ok(server.api('POST', `/organizations/${b.id}/users`, { userIds: [fx.user.id] }));
  await ok(server.api('POST', `/organizations/${b.id}/users/${fx.user.id}/roles`, { organizationRoleIds: [viewer.id] }));
  const app = await ok(server.api('POST', '/applications', { name: 'worker', type: 'MachineToMachine' }));
  await ok(server.api('POST', `/organizations/${a.id}/applications`, { applicationIds: [app.id] }));
  await ok(server.api('POST', `/organizations/${a.id}/applications/${app.id}/roles`, { organizationRoleIds: [bot.id] }));
  return {
    ...fx,
    orgs: { a: a.id, b: b.id, c: c.id },
    orgRoles: { editor: editor.id, viewer: viewer.id, bot: bot.id },
    machine: { id: app.id, secret: app.secret },
  };
}

/**
 * Signs the user in the way Logto's SDK asks when `urn:logto:scope:organizations` is among its
 * scopes: the reserved organization resource beside the API, the organization permissions and
 * the API scopes in `scope`. The code exchange names no resource (an ID token and a userinfo token).
 */
export async function signInWithOrganizations(issuer: string, fx: OrganizationFixture, scope?: string) {
  const config = await discover(issuer, fx.spa.id);
  const verifier = oidc.randomPKCECodeVerifier();
  const state = oidc.randomState();
  const params = new URLSearchParams({
    redirect_uri: SPA_REDIRECT,
    scope:
      scope ??
      `openid offline_access profile ${ORGANIZATIONS_SCOPE} ${ORGANIZATION_ROLES_SCOPE} invite:member read:members read:user maintain:user view:org`,
    code_challenge: await oidc.calculatePKCECodeChallenge(verifier),
    code_challenge_method: 'S256',
    state,
    prompt: 'consent',
  });
  params.append('resource', ORGANIZATION_RESOURCE);
  params.append('resource', HASURA_API);
  const url = oidc.buildAuthorizationUrl(config, params);
  const jar = new CookieJar();
  const page = await navigate(jar, url.href, SPA_REDIRECT);
  const callback = await submitSignIn(jar, page, fx.user.username, fx.user.password, SPA_REDIRECT);
  if (!callback.url.startsWith(SPA_REDIRECT))
    throw new Error(`sign-in did not reach the app: ${callback.status} ${callback.html.slice(0, 300)}`);
  const tokens = await oidc.authorizationCodeGrant(config, new URL(callback.url), {
    pkceCodeVerifier: verifier,
    expectedState: state,
    idTokenExpected: true,
  });
  return { config, tokens };
}

/** A raw refresh_token grant (the form Logto's SDKs post), answering status and JSON body. */
export async function refresh(
  endpoint: string,
  clientId: string,
  refreshToken: string,
  params: Record<string, string> = {},
): Promise<{ status: number; body: any }> {
  const res = await fetch(`${endpoint}/oidc/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'refresh_token', client_id: clientId, refresh_token: refreshToken, ...params }),
  });
  return { status: res.status, body: await res.json() };
}

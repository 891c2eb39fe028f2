import { signInWithCode } from './browser.ts';
import type { TestServer } from './server.ts';

export const HASURA_API = 'https://hasura.example.com/api';
export const SPA_REDIRECT = 'http://localhost:5173/callback';

export interface HasuraFixture {
  resourceId: string;
  scopes: { read: string; maintain: string };
  roles: { reader: string; maintainer: string };
  user: { id: string; username: string; password: string };
  spa: { id: string };
}

async function ok<T = any>(p: Promise<{ status: number; body: T }>, expected = [200, 201]): Promise<T> {
  const r = await p;
  if (!expected.includes(r.status)) throw new Error(`unexpected ${r.status}: ${JSON.stringify(r.body)}`);
  return r.body;
}

/** Logto's Hasura guide, done through the Management API. */
export async function seedHasuraGuide(
  server: TestServer,
  options: { userRoles?: Array<'reader' | 'maintainer'> } = {},
): Promise<HasuraFixture> {
  const resource = await ok(server.api('POST', '/resources', { name: 'Hasura', indicator: HASURA_API }));
  const read = await ok(server.api('POST', `/resources/${resource.id}/scopes`, { name: 'read:user', description: 'Read users' }));
  const maintain = await ok(
    server.api('POST', `/resources/${resource.id}/scopes`, { name: 'maintain:user', description: 'Maintain users' }),
  );
  const reader = await ok(server.api('POST', '/roles', { name: 'user:reader', type: 'User', scopeIds: [read.id] }));
  const maintainer = await ok(server.api('POST', '/roles', { name: 'user:maintainer', type: 'User', scopeIds: [maintain.id] }));
  const password = 'correct horse battery staple';
  const user = await ok(server.api('POST', '/users', { username: 'demo', primaryEmail: 'demo@example.com', password, name: 'Demo User' }));
  const roleIds = (options.userRoles ?? ['reader', 'maintainer']).map((r) => (r === 'reader' ? reader.id : maintainer.id));
  if (roleIds.length > 0) await ok(server.api('POST', `/users/${user.id}/roles`, { roleIds }));
  const spa = await ok(
    server.api('POST', '/applications', {
      name: 'Hasura demo SPA',
      type: 'SPA',
      oidcClientMetadata: { redirectUris: [SPA_REDIRECT], postLogoutRedirectUris: ['http://localhost:5173/'] },
    }),
  );
  return {
    resourceId: resource.id,
    scopes: { read: read.id, maintain: maintain.id },
    roles: { reader: reader.id, maintainer: maintainer.id },
    user: { id: user.id, username: 'demo', password },
    spa: { id: spa.id },
  };
}

/**
 * Signs the fixture's user (or another) in to the fixture's SPA through the hosted page,
 * asking for both Hasura scopes and a token for the Hasura resource unless told otherwise.
 */
export async function signInToHasura(
  issuer: string,
  fx: HasuraFixture,
  options: { username?: string; password?: string; scope?: string; resource?: string } = {},
) {
  return signInWithCode({
    issuer,
    clientId: fx.spa.id,
    redirectUri: SPA_REDIRECT,
    username: options.username ?? fx.user.username,
    password: options.password ?? fx.user.password,
    scope: options.scope ?? 'openid offline_access read:user maintain:user',
    resource: options.resource ?? HASURA_API,
  });
}

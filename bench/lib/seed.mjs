// What the workloads need, created through the Management API (Logto's Hasura guide):
// one API resource with two scopes, two user roles bundling them one to one, a machine role
// with one scope held by a machine app, a SPA, and N users holding both user roles.
import { managementApi } from './api.mjs';

export const HASURA_API = 'https://hasura.example.com/api';
export const SPA_REDIRECT = 'http://localhost:5173/callback';
const USER_PASSWORD = 'correct horse battery staple';

async function inBatches(items, size, fn) {
  const out = [];
  for (let i = 0; i < items.length; i += size) out.push(...(await Promise.all(items.slice(i, i + size).map(fn))));
  return out;
}

export async function seedBase(endpoint, admin) {
  const api = managementApi(endpoint, admin);
  const resource = await api('POST', '/resources', { name: 'Hasura', indicator: HASURA_API });
  const read = await api('POST', `/resources/${resource.id}/scopes`, { name: 'read:user', description: 'Read users' });
  const maintain = await api('POST', `/resources/${resource.id}/scopes`, { name: 'maintain:user', description: 'Maintain users' });
  const reader = await api('POST', '/roles', { name: 'user:reader', type: 'User', scopeIds: [read.id] });
  const maintainer = await api('POST', '/roles', { name: 'user:maintainer', type: 'User', scopeIds: [maintain.id] });
  const service = await api('POST', '/roles', { name: 'service:reader', type: 'MachineToMachine', scopeIds: [read.id] });
  const machine = await api('POST', '/applications', { name: 'Bench machine app', type: 'MachineToMachine' });
  await api('POST', `/applications/${machine.id}/roles`, { roleIds: [service.id] });
  const spa = await api('POST', '/applications', {
    name: 'Bench SPA',
    type: 'SPA',
    oidcClientMetadata: { redirectUris: [SPA_REDIRECT], postLogoutRedirectUris: ['http://localhost:5173/'] },
  });
  return {
    api,
    resource,
    scopes: { read, maintain },
    roles: { reader, maintainer, service },
    machine: { clientId: machine.id, clientSecret: machine.secret },
    spa: { clientId: spa.id },
  };
}

/** N users, each holding both user roles (user:reader, user:maintainer). */
export async function seedUsers(fixture, count, prefix = 'bench-user') {
  const { api, roles } = fixture;
  return inBatches(
    Array.from({ length: count }, (_, i) => i),
    4,
    async (i) => {
      const username = `${prefix}-${i}`;
      const user = await api('POST', '/users', {
        username,
        primaryEmail: `${username}@example.com`,
        name: `Bench User ${i}`,
        password: USER_PASSWORD,
      });
      await api('POST', `/users/${user.id}/roles`, { roleIds: [roles.reader.id, roles.maintainer.id] });
      return { id: user.id, username, password: USER_PASSWORD };
    },
  );
}

export async function enableHasuraPreset(fixture, tokenType) {
  await fixture.api('PUT', `/configs/jwt-customizer/${tokenType}/presets/hasura`, {
    resource: HASURA_API,
    environmentVariables: { USER_DEFAULT_ROLE_NAMES: 'user:reader' },
  });
}

export async function disableCustomizer(fixture, tokenType) {
  await fixture.api('DELETE', `/configs/jwt-customizer/${tokenType}`, undefined, [204, 404]);
}

export const ORGANIZATIONS_SCOPE = 'urn:logto:scope:organizations';

/**
 * One organization holding every bench user with the organization role `org:editor`, which
 * grants `maintain:user` of the Hasura API inside it (issue 12's rows: org-scoped refresh and
 * the webhook with x-hasura-org-id). The users keep their global roles.
 */
export async function seedOrganization(fixture, users) {
  const { api, scopes } = fixture;
  const role = await api('POST', '/organization-roles', { name: 'org:editor', resourceScopeIds: [scopes.maintain.id] });
  const org = await api('POST', '/organizations', { name: 'Bench Org' });
  await api('POST', `/organizations/${org.id}/users`, { userIds: users.map((u) => u.id) });
  await inBatches(users, 4, (u) => api('POST', `/organizations/${org.id}/users/${u.id}/roles`, { organizationRoleIds: [role.id] }));
  return { id: org.id, roleName: 'org:editor' };
}

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from './support/databases.ts';
import { HASURA_API, seedHasuraGuide, type HasuraFixture } from './support/seed.ts';
import { clientCredentialsToken, startTestServer, type TestServer } from './support/server.ts';

describe.each(DIALECTS)('Management API (%s)', (dialect) => {
  let server: TestServer;
  let fx: HasuraFixture;
  let otherAudienceToken: string;
  let noScopeToken: string;

  beforeAll(async () => {
    server = await startTestServer(dialect);
    fx = await seedHasuraGuide(server);
    const bot = await server.api('POST', '/applications', { name: 'bot', type: 'MachineToMachine' });
    const role = await server.api('POST', '/roles', { name: 'bot:reader', type: 'MachineToMachine', scopeIds: [fx.scopes.read] });
    await server.api('POST', `/applications/${bot.body.id}/roles`, { roleIds: [role.body.id] });
    otherAudienceToken = (
      await clientCredentialsToken(server.endpoint, bot.body.id, bot.body.secret, { resource: HASURA_API, scope: 'read:user' })
    ).body.access_token;
    noScopeToken = (
      await clientCredentialsToken(server.endpoint, bot.body.id, bot.body.secret, { resource: server.managementApi, scope: 'all' })
    ).body.access_token;
  });
  afterAll(() => server?.stop());

  it('refuses every operation without a token (401), for another audience (401) and without scope all (403)', async () => {
    const specs = server.app.deps.registry.specs;
    expect(specs.length).toBeGreaterThan(30);
    for (const spec of specs) {
      const path = spec.path.replace(/:\w+/g, 'x');
      const label = `${spec.method.toUpperCase()} ${path}`;
      const none = await server.api(spec.method.toUpperCase(), path, undefined, null);
      expect(none.status, label).toBe(401);
      expect(none.headers.get('content-type'), label).toMatch(/application\/problem\+json/);
      expect((await server.api(spec.method.toUpperCase(), path, undefined, otherAudienceToken)).status, label).toBe(401);
      expect((await server.api(spec.method.toUpperCase(), path, undefined, noScopeToken)).status, label).toBe(403);
      expect((await server.api(spec.method.toUpperCase(), path, undefined, 'not.a.jwt')).status, label).toBe(401);
    }
  });

  it("ends an admin's access when the admin role is removed, not when the token expires", async () => {
    const bot = await server.api('POST', '/applications', { name: 'temp admin', type: 'MachineToMachine' });
    const roles = (await server.api('GET', '/roles?search=gatehouse:admin-machine')).body;
    await server.api('POST', `/applications/${bot.body.id}/roles`, { roleIds: [roles[0].id] });
    const token = (
      await clientCredentialsToken(server.endpoint, bot.body.id, bot.body.secret, { resource: server.managementApi, scope: 'all' })
    ).body.access_token;
    expect((await server.api('GET', '/roles', undefined, token)).status).toBe(200);
    expect((await server.api('DELETE', `/applications/${bot.body.id}/roles/${roles[0].id}`)).status).toBe(204);
    const after = await server.api('GET', '/roles', undefined, token);
    expect(after.status).toBe(403);
    expect(after.body.detail).toMatch(/no longer holds/);
  });

  it('lists with paging and a Total-Number header', async () => {
    const page1 = await server.api('GET', '/roles?page=1&page_size=2');
    expect(page1.status).toBe(200);
    expect(page1.body).toHaveLength(2);
    const total = Number(page1.headers.get('total-number'));
    expect(total).toBeGreaterThanOrEqual(4); // 2 built-in admin roles + the guide's 2 (+ bot role)
    const all = await server.api('GET', `/roles?page_size=100`);
    expect(all.body).toHaveLength(total);
    const search = await server.api('GET', '/roles?search=user:');
    expect(search.body.map((r: { name: string }) => r.name).sort()).toEqual(['user:maintainer', 'user:reader']);
  });

  it('answers a bad body with 400 naming each bad field', async () => {
    const res = await server.api('POST', '/resources', { name: '', indicator: 'not a url', accessTokenTtl: 5 });
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toMatch(/problem\+json/);
    expect(res.body.code).toBe('validation.failed');
    expect(res.body.errors.map((e: { path: string }) => e.path).sort()).toEqual(['accessTokenTtl', 'indicator', 'name']);
    const malformed = await server.api('POST', '/roles', '{"name": ');
    expect(malformed.status).toBe(400);
    expect(malformed.body.detail).toMatch(/not valid JSON/);
    const query = await server.api('GET', '/users?page=0');
    expect(query.status).toBe(400);
    expect(query.body.errors[0].path).toBe('query.page');
  });

  it('answers a duplicate name with 409', async () => {
    const role = await server.api('POST', '/roles', { name: 'user:reader' });
    expect(role.status).toBe(409);
    expect(role.body.detail).toMatch(/role with this name already exists/);
    const scope = await server.api('POST', `/resources/${fx.resourceId}/scopes`, { name: 'read:user' });
    expect(scope.status).toBe(409);
    const resource = await server.api('POST', '/resources', { name: 'again', indicator: HASURA_API });
    expect(resource.status).toBe(409);
    const user = await server.api('POST', '/users', { username: 'demo' });
    expect(user.status).toBe(409);
  });

  it('leaves nothing written when a multi-row change fails', async () => {
    const res = await server.api('POST', '/roles', { name: 'half-written', scopeIds: [fx.scopes.read, 'no-such-scope'] });
    expect(res.status).toBe(400);
    expect(res.body.errors).toEqual([{ path: 'scopeIds.1', message: 'scope no-such-scope does not exist' }]);
    expect((await server.api('GET', '/roles?search=half-written')).body).toEqual([]);
    const user = await server.api('POST', '/users', { username: 'multi' });
    const bad = await server.api('POST', `/users/${user.body.id}/roles`, { roleIds: [fx.roles.reader, 'missing-role'] });
    expect(bad.status).toBe(400);
    expect((await server.api('GET', `/users/${user.body.id}/roles`)).body).toEqual([]);
    const assign = await server.api('POST', `/roles/${fx.roles.reader}/users`, { userIds: [user.body.id, 'missing-user'] });
    expect(assign.status).toBe(404);
    expect((await server.api('GET', `/users/${user.body.id}/roles`)).body).toEqual([]);
  });

  it('creates, reads, updates and deletes every entity with Logto field names', async () => {
    const resource = await server.api('POST', '/resources', {
      name: 'Orders',
      indicator: 'https://orders.example.com',
      accessTokenTtl: 600,
    });
    expect(resource.status).toBe(201);
    expect(resource.body).toMatchObject({ name: 'Orders', indicator: 'https://orders.example.com', accessTokenTtl: 600 });
    const scope = await server.api('POST', `/resources/${resource.body.id}/scopes`, { name: 'read:orders', description: 'r' });
    expect(scope.body).toMatchObject({ resourceId: resource.body.id, name: 'read:orders', description: 'r' });
    expect(
      (await server.api('PATCH', `/resources/${resource.body.id}/scopes/${scope.body.id}`, { description: 'read' })).body.description,
    ).toBe('read');
    const role = await server.api('POST', '/roles', { name: 'orders:reader', description: 'reads orders' });
    expect(role.body).toMatchObject({ type: 'User', description: 'reads orders' });
    expect((await server.api('POST', `/roles/${role.body.id}/scopes`, { scopeIds: [scope.body.id] })).status).toBe(201);
    expect((await server.api('GET', `/roles/${role.body.id}/scopes`)).body.map((s: { name: string }) => s.name)).toEqual(['read:orders']);
    const user = await server.api('POST', '/users', {
      username: 'ann',
      primaryEmail: 'Ann@Example.com',
      password: 'long enough pw',
      customData: { plan: 'pro' },
    });
    expect(user.body).toMatchObject({
      username: 'ann',
      primaryEmail: 'ann@example.com',
      hasPassword: true,
      isSuspended: false,
      customData: { plan: 'pro' },
    });
    expect(user.body).not.toHaveProperty('passwordHash');
    expect((await server.api('POST', `/roles/${role.body.id}/users`, { userIds: [user.body.id] })).status).toBe(201);
    expect((await server.api('GET', `/roles/${role.body.id}/users`)).body.map((u: { id: string }) => u.id)).toEqual([user.body.id]);
    expect((await server.api('PATCH', `/users/${user.body.id}/is-suspended`, { isSuspended: true })).body.isSuspended).toBe(true);
    expect((await server.api('PATCH', `/users/${user.body.id}/password`, { password: 'short' })).status).toBe(400);
    expect((await server.api('PATCH', `/users/${user.body.id}`, { name: 'Ann' })).body.name).toBe('Ann');
    const app = await server.api('POST', '/applications', {
      name: 'Web',
      type: 'Traditional',
      oidcClientMetadata: { redirectUris: ['https://web.example.com/cb'], postLogoutRedirectUris: [] },
    });
    expect(app.status).toBe(201);
    expect(app.body.secret).toMatch(/^[\w-]{40,}$/);
    const fetched = await server.api('GET', `/applications/${app.body.id}`);
    expect(fetched.body).not.toHaveProperty('secret');
    const rotated = await server.api('POST', `/applications/${app.body.id}/secret/rotate`);
    expect(rotated.body.secret).toBeTruthy();
    expect(rotated.body.secret).not.toBe(app.body.secret);
    expect(
      (await server.api('POST', '/applications', { name: 'x', type: 'SPA', oidcClientMetadata: { redirectUris: ['https://x/#frag'] } }))
        .status,
    ).toBe(400);
    expect((await server.api('DELETE', `/users/${user.body.id}/roles/${role.body.id}`)).status).toBe(204);
    expect((await server.api('DELETE', `/users/${user.body.id}/roles/${role.body.id}`)).status).toBe(404);
    expect((await server.api('DELETE', `/roles/${role.body.id}`)).status).toBe(204);
    expect((await server.api('DELETE', `/resources/${resource.body.id}`)).status).toBe(204);
    expect((await server.api('GET', `/resources/${resource.body.id}`)).status).toBe(404);
    expect((await server.api('DELETE', `/applications/${app.body.id}`)).status).toBe(204);
    expect((await server.api('DELETE', `/users/${user.body.id}`)).status).toBe(204);
  });

  it('protects the built-ins', async () => {
    const roles = (await server.api('GET', '/roles?search=gatehouse:admin')).body;
    expect(roles.length).toBe(2);
    expect((await server.api('DELETE', `/roles/${roles[0].id}`)).status).toBe(403);
    const builtinResource = (await server.api('GET', '/resources')).body.find((r: { isBuiltin: boolean }) => r.isBuiltin);
    expect(builtinResource.indicator).toBe(server.managementApi);
    expect((await server.api('DELETE', `/resources/${builtinResource.id}`)).status).toBe(403);
    expect((await server.api('DELETE', '/applications/gatehouse-console')).status).toBe(403);
  });

  it('serves OpenAPI 3.1 generated from the route schemas, and a docs page', async () => {
    const res = await fetch(`${server.endpoint}/api/openapi.json`);
    const doc = (await res.json()) as any;
    expect(doc.openapi).toBe('3.1.0');
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/api/roles', '/api/roles/{id}/scopes', '/api/users/{id}/roles']));
    const create = doc.paths['/api/roles'].post;
    expect(create.requestBody.content['application/json'].schema.properties).toHaveProperty('scopeIds');
    expect(doc.paths['/api/roles'].get.responses['200'].headers).toHaveProperty('Total-Number');
    const docs = await fetch(`${server.endpoint}/api/docs`);
    expect(await docs.text()).toContain('swagger-ui-bundle.js');
    expect((await fetch(`${server.endpoint}/api/docs/swagger-ui-bundle.js`)).status).toBe(200);
  });

  it('answers unknown paths with a problem document and never leaks a stack trace', async () => {
    const res = await server.api('GET', '/nope');
    expect(res.status).toBe(404);
    expect(JSON.stringify(res.body)).not.toMatch(/at .*\.ts:\d+/);
  });
});

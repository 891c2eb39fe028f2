import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../src/storage/db.ts';
import { DIALECTS } from '../support/databases.ts';
import { startTestServer, type ApiResponse, type TestServer } from '../support/server.ts';

/** Rows left in every organization relation table that mention `id` in `column`. */
async function relationRows(db: Db, column: 'organizationId' | 'organizationRoleId' | 'userId', id: string): Promise<number> {
  const tables = {
    organizationId: [
      'organizationUserRelations',
      'organizationRoleUserRelations',
      'organizationApplicationRelations',
      'organizationRoleApplicationRelations',
      'organizationInvitations',
      'organizationJitEmailDomains',
      'organizationJitRoles',
    ],
    organizationRoleId: [
      'organizationRoleUserRelations',
      'organizationRoleApplicationRelations',
      'organizationRoleScopes',
      'organizationRoleResourceScopes',
      'organizationInvitationRoles',
      'organizationJitRoles',
    ],
    userId: ['organizationUserRelations', 'organizationRoleUserRelations'],
  } as const;
  let n = 0;
  for (const table of tables[column]) {
    const row = await db
      .selectFrom(table)
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where(column as never, '=', id as never)
      .executeTakeFirstOrThrow();
    n += Number(row.n);
  }
  return n;
}

describe.each(DIALECTS)('Organizations Management API (%s)', (dialect) => {
  let server: TestServer;
  let db: Db;
  const ok = async (p: Promise<ApiResponse>, status = [200, 201, 204]) => {
    const r = await p;
    if (!status.includes(r.status)) throw new Error(`unexpected ${r.status}: ${JSON.stringify(r.body)}`);
    return r.body;
  };
  const user = (username: string, primaryEmail?: string) => ok(server.api('POST', '/users', { username, primaryEmail }));

  beforeAll(async () => {
    server = await startTestServer(dialect);
    db = server.app.deps.db;
  });
  afterAll(() => server?.stop());

  it('creates, reads, updates, searches, pages and deletes organizations', async () => {
    const created = await server.api('POST', '/organizations', { name: 'Acme', description: 'Tenant A', customData: { plan: 'pro' } });
    expect(created.status).toBe(201);
    expect(created.body).toEqual({
      id: expect.any(String),
      name: 'Acme',
      description: 'Tenant A',
      customData: { plan: 'pro' },
      isMfaRequired: false,
      createdAt: expect.any(Number),
    });
    for (const name of ['Globex', 'Initech', 'Acme Labs']) await ok(server.api('POST', '/organizations', { name }));
    const patched = await server.api('PATCH', `/organizations/${created.body.id}`, { isMfaRequired: true, description: null });
    expect(patched.body).toMatchObject({ name: 'Acme', description: null, isMfaRequired: true, customData: { plan: 'pro' } });
    expect((await server.api('GET', `/organizations/${created.body.id}`)).body.isMfaRequired).toBe(true);

    const page = await server.api('GET', '/organizations?page=2&page_size=3');
    expect(page.headers.get('total-number')).toBe('4');
    expect(page.body).toHaveLength(1);
    const found = await server.api('GET', '/organizations?q=Acme');
    expect(found.body.map((o: { name: string }) => o.name).sort()).toEqual(['Acme', 'Acme Labs']);
    expect(found.headers.get('total-number')).toBe('2');

    expect((await server.api('DELETE', `/organizations/${created.body.id}`)).status).toBe(204);
    expect((await server.api('GET', `/organizations/${created.body.id}`)).status).toBe(404);
    expect((await server.api('DELETE', `/organizations/${created.body.id}`)).status).toBe(404);
  });

  it('answers bad bodies with 400 naming each field, and 401 without a token', async () => {
    const bad = await server.api('POST', '/organizations', { name: '', customData: [], isMfaRequired: 'yes' });
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: { path: string }) => e.path).sort()).toEqual(['customData', 'isMfaRequired', 'name']);
    const role = await server.api('POST', '/organization-roles', { name: 'x', type: 'Admin', organizationScopeIds: ['nope'] });
    expect(role.status).toBe(400);
    expect(role.body.errors.map((e: { path: string }) => e.path)).toEqual(['type']);
    const missing = await server.api('POST', '/organization-roles', {
      name: 'x',
      organizationScopeIds: ['nope'],
      resourceScopeIds: ['nada'],
    });
    expect(missing.status).toBe(400);
    expect(missing.body.errors.map((e: { path: string }) => e.path)).toEqual(['organizationScopeIds.0']);
    for (const [method, path] of [
      ['GET', '/organizations'],
      ['POST', '/organization-roles'],
      ['GET', '/organization-scopes'],
      ['GET', '/organization-invitations'],
      ['GET', '/users/x/organizations'],
      ['PUT', '/organizations/x/jit/email-domains'],
    ] as const) {
      expect((await server.api(method, path, undefined, null)).status, `${method} ${path}`).toBe(401);
    }
  });

  it('manages the template: scopes, roles with scopes and resource scopes, 409 on duplicate names', async () => {
    const invite = await ok(server.api('POST', '/organization-scopes', { name: 'invite:member', description: 'Invite' }));
    const remove = await ok(server.api('POST', '/organization-scopes', { name: 'remove:member' }));
    expect((await server.api('POST', '/organization-scopes', { name: 'invite:member' })).status).toBe(409);
    expect((await server.api('GET', '/organization-scopes?q=member')).headers.get('total-number')).toBe('2');

    const api = await ok(server.api('POST', '/resources', { name: 'Hasura', indicator: 'https://hasura.template.test/api' }));
    const read = await ok(server.api('POST', `/resources/${api.id}/scopes`, { name: 'read:rows' }));
    const write = await ok(server.api('POST', `/resources/${api.id}/scopes`, { name: 'write:rows' }));

    const admin = await server.api('POST', '/organization-roles', {
      name: 'tmpl-admin',
      organizationScopeIds: [invite.id, remove.id],
      resourceScopeIds: [read.id],
    });
    expect(admin.status).toBe(201);
    expect(admin.body).toEqual({ id: expect.any(String), name: 'tmpl-admin', description: null, type: 'User' });
    expect((await server.api('POST', '/organization-roles', { name: 'tmpl-admin' })).status).toBe(409);
    const id = admin.body.id as string;

    const names = async (path: string) => ((await server.api('GET', path)).body as Array<{ name: string }>).map((s) => s.name);
    expect(await names(`/organization-roles/${id}/scopes`)).toEqual(['invite:member', 'remove:member']);
    expect(await names(`/organization-roles/${id}/resource-scopes`)).toEqual(['read:rows']);

    expect((await server.api('DELETE', `/organization-roles/${id}/scopes/${invite.id}`)).status).toBe(204);
    expect((await server.api('DELETE', `/organization-roles/${id}/scopes/${invite.id}`)).status).toBe(404);
    expect((await server.api('POST', `/organization-roles/${id}/scopes`, { organizationScopeIds: [invite.id] })).status).toBe(201);
    expect((await server.api('PUT', `/organization-roles/${id}/scopes`, { organizationScopeIds: [remove.id] })).status).toBe(204);
    expect(await names(`/organization-roles/${id}/scopes`)).toEqual(['remove:member']);

    expect((await server.api('POST', `/organization-roles/${id}/resource-scopes`, { scopeIds: [write.id] })).status).toBe(201);
    expect(await names(`/organization-roles/${id}/resource-scopes`)).toEqual(['read:rows', 'write:rows']);
    expect((await server.api('PUT', `/organization-roles/${id}/resource-scopes`, { scopeIds: [write.id] })).status).toBe(204);
    expect((await server.api('DELETE', `/organization-roles/${id}/resource-scopes/${write.id}`)).status).toBe(204);
    expect(await names(`/organization-roles/${id}/resource-scopes`)).toEqual([]);
    expect((await server.api('POST', `/organization-roles/${id}/resource-scopes`, { scopeIds: ['missing'] })).body.errors[0].path).toBe(
      'scopeIds.0',
    );

    const listed = await server.api('GET', '/organization-roles?q=tmpl-');
    expect(listed.headers.get('total-number')).toBe('1');
    expect(listed.body[0]).toMatchObject({ name: 'tmpl-admin', scopes: [{ id: remove.id, name: 'remove:member' }], resourceScopes: [] });

    // Deleting a scope removes it from every role in the same statement.
    expect((await server.api('DELETE', `/organization-scopes/${remove.id}`)).status).toBe(204);
    expect(await names(`/organization-roles/${id}/scopes`)).toEqual([]);
    expect((await server.api('GET', '/organization-roles/nope')).status).toBe(404);
  });

  it('adds members with roles (ids or names), lists them with roles and scopes, and replaces both', async () => {
    const org = await ok(server.api('POST', '/organizations', { name: 'Members Inc' }));
    const scope = await ok(server.api('POST', '/organization-scopes', { name: 'manage:billing' }));
    const editor = await ok(server.api('POST', '/organization-roles', { name: 'editor', organizationScopeIds: [scope.id] }));
    const viewer = await ok(server.api('POST', '/organization-roles', { name: 'viewer' }));
    const alice = await user('alice', 'alice@members.test');
    const bob = await user('bob');

    const added = await server.api('POST', `/organizations/${org.id}/users`, { userIds: [alice.id, bob.id] });
    expect(added.status).toBe(201);
    expect(added.body).toEqual({ userIds: [alice.id, bob.id] });
    const unknown = await server.api('POST', `/organizations/${org.id}/users`, { userIds: [alice.id, 'ghost'] });
    expect(unknown.status).toBe(400);
    expect(unknown.body.errors[0].path).toBe('userIds.1');
    expect((await server.api('POST', '/organizations/nope/users', { userIds: [alice.id] })).status).toBe(404);

    const assigned = await server.api('POST', `/organizations/${org.id}/users/${alice.id}/roles`, {
      organizationRoleIds: [editor.id],
      organizationRoleNames: ['viewer'],
    });
    expect(assigned.status).toBe(201);
    expect(assigned.body.organizationRoleIds.sort()).toEqual([editor.id, viewer.id].sort());
    expect(
      (await server.api('POST', `/organizations/${org.id}/users/${alice.id}/roles`, { organizationRoleNames: ['nobody'] })).status,
    ).toBe(400);
    const outsider = await user('carol');
    expect(
      (await server.api('POST', `/organizations/${org.id}/users/${outsider.id}/roles`, { organizationRoleIds: [viewer.id] })).status,
    ).toBe(422);

    const members = await server.api('GET', `/organizations/${org.id}/users?q=ali`);
    expect(members.headers.get('total-number')).toBe('1');
    expect(members.body[0]).toMatchObject({ id: alice.id, username: 'alice' });
    expect(members.body[0].organizationRoles.map((r: { name: string }) => r.name).sort()).toEqual(['editor', 'viewer']);
    const byRole = await server.api('GET', `/organizations/${org.id}/users?organizationRoleId=${editor.id}`);
    expect(byRole.body.map((m: { id: string }) => m.id)).toEqual([alice.id]);
    expect((await server.api('GET', `/organizations/${org.id}/users/${alice.id}/scopes`)).body).toEqual([
      { id: scope.id, name: 'manage:billing', description: null },
    ]);

    expect((await server.api('PUT', `/organizations/${org.id}/users/${alice.id}/roles`, { organizationRoleIds: [viewer.id] })).status).toBe(
      204,
    );
    expect((await server.api('GET', `/organizations/${org.id}/users/${alice.id}/roles`)).body.map((r: { name: string }) => r.name)).toEqual(
      ['viewer'],
    );
    expect((await server.api('GET', `/organizations/${org.id}/users/${alice.id}/scopes`)).body).toEqual([]);
    expect((await server.api('DELETE', `/organizations/${org.id}/users/${alice.id}/roles/${viewer.id}`)).status).toBe(204);
    expect((await server.api('DELETE', `/organizations/${org.id}/users/${alice.id}/roles/${viewer.id}`)).status).toBe(404);

    expect(
      (await server.api('POST', `/organizations/${org.id}/users/roles`, { userIds: [alice.id, bob.id], organizationRoleIds: [viewer.id] }))
        .status,
    ).toBe(201);
    const mine = await server.api('GET', `/users/${alice.id}/organizations`);
    expect(mine.body).toEqual([
      expect.objectContaining({ id: org.id, name: 'Members Inc', organizationRoles: [{ id: viewer.id, name: 'viewer' }] }),
    ]);
    expect((await server.api('GET', '/users/ghost/organizations')).status).toBe(404);

    // PUT replaces the member list; the removed member's roles go with the membership.
    expect((await server.api('PUT', `/organizations/${org.id}/users`, { userIds: [alice.id] })).status).toBe(204);
    expect((await server.api('GET', `/organizations/${org.id}/users`)).headers.get('total-number')).toBe('1');
    expect(await relationRows(db, 'userId', bob.id)).toBe(0);
    expect((await server.api('DELETE', `/organizations/${org.id}/users/${alice.id}`)).status).toBe(204);
    expect((await server.api('DELETE', `/organizations/${org.id}/users/${alice.id}`)).status).toBe(404);
    expect(await relationRows(db, 'userId', alice.id)).toBe(0);
  });

  it('keeps role types apart: apps must be machine-to-machine and hold only MachineToMachine roles', async () => {
    const org = await ok(server.api('POST', '/organizations', { name: 'Typed' }));
    const m2m = await ok(server.api('POST', '/applications', { name: 'worker', type: 'MachineToMachine' }));
    const spa = await ok(server.api('POST', '/applications', { name: 'web', type: 'SPA' }));
    const userRole = await ok(server.api('POST', '/organization-roles', { name: 'typed-user' }));
    const appRole = await ok(server.api('POST', '/organization-roles', { name: 'typed-app', type: 'MachineToMachine' }));
    const dave = await user('dave');

    expect((await server.api('POST', `/organizations/${org.id}/applications`, { applicationIds: [spa.id] })).status).toBe(422);
    expect((await server.api('POST', `/organizations/${org.id}/applications`, { applicationIds: [m2m.id] })).status).toBe(201);
    const wrong = await server.api('POST', `/organizations/${org.id}/applications/${m2m.id}/roles`, { organizationRoleIds: [userRole.id] });
    expect(wrong.status).toBe(422);
    expect(wrong.body.detail).toMatch(/MachineToMachine/);
    expect(
      (await server.api('POST', `/organizations/${org.id}/applications/${m2m.id}/roles`, { organizationRoleIds: [appRole.id] })).status,
    ).toBe(201);
    const apps = await server.api('GET', `/organizations/${org.id}/applications`);
    expect(apps.headers.get('total-number')).toBe('1');
    expect(apps.body[0]).toMatchObject({
      id: m2m.id,
      type: 'MachineToMachine',
      organizationRoles: [{ id: appRole.id, name: 'typed-app' }],
    });
    expect(apps.body[0].secret).toBeUndefined();

    await ok(server.api('POST', `/organizations/${org.id}/users`, { userIds: [dave.id] }));
    expect(
      (await server.api('POST', `/organizations/${org.id}/users/${dave.id}/roles`, { organizationRoleIds: [appRole.id] })).status,
    ).toBe(422);
    expect((await server.api('POST', `/organizations/${org.id}/jit/roles`, { organizationRoleIds: [appRole.id] })).status).toBe(422);
    expect((await server.api('GET', `/organizations/${org.id}/users/${dave.id}/roles`)).body).toEqual([]);

    // Deleting the application removes its membership and roles.
    expect((await server.api('DELETE', `/applications/${m2m.id}`)).status).toBe(204);
    expect((await server.api('GET', `/organizations/${org.id}/applications`)).body).toEqual([]);
  });

  it('runs the invitation lifecycle: accept adds membership and roles at once; expired and revoked grant nothing', async () => {
    const org = await ok(server.api('POST', '/organizations', { name: 'Invites' }));
    const member = await ok(server.api('POST', '/organization-roles', { name: 'inv-member' }));
    const erin = await user('erin', 'erin@invites.test');
    const inviter = await user('inviter');
    const soon = Date.now() + 3_600_000;

    const created = await server.api('POST', '/organization-invitations', {
      invitee: 'Erin@Invites.test',
      organizationId: org.id,
      organizationRoleIds: [member.id],
      expiresAt: soon,
      inviterId: inviter.id,
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      invitee: 'erin@invites.test',
      organizationId: org.id,
      inviterId: inviter.id,
      status: 'Pending',
      acceptedUserId: null,
      organizationRoles: [{ id: member.id, name: 'inv-member' }],
    });
    const again = await server.api('POST', '/organization-invitations', {
      invitee: 'erin@invites.test',
      organizationId: org.id,
      expiresAt: soon,
    });
    expect(again.status).toBe(409);
    const past = await server.api('POST', '/organization-invitations', {
      invitee: 'x@invites.test',
      organizationId: org.id,
      expiresAt: Date.now() - 1,
    });
    expect(past.status).toBe(400);
    expect(past.body.errors[0].path).toBe('expiresAt');
    const noOrg = await server.api('POST', '/organization-invitations', {
      invitee: 'x@invites.test',
      organizationId: 'nope',
      expiresAt: soon,
    });
    expect(noOrg.body.errors[0].path).toBe('organizationId');

    expect((await server.api('GET', `/organization-invitations?organizationId=${org.id}&invitee=ERIN@invites.test`)).body).toHaveLength(1);
    expect((await server.api('GET', `/organization-invitations/${created.body.id}`)).body.id).toBe(created.body.id);

    const stranger = await user('frank', 'frank@invites.test');
    const mismatch = await server.api('PUT', `/organization-invitations/${created.body.id}/status`, {
      status: 'Accepted',
      acceptedUserId: stranger.id,
    });
    expect(mismatch.status).toBe(422);
    expect(
      (await server.api('PUT', `/organization-invitations/${created.body.id}/status`, { status: 'Accepted' })).body.errors[0].path,
    ).toBe('acceptedUserId');
    const accepted = await server.api('PUT', `/organization-invitations/${created.body.id}/status`, {
      status: 'Accepted',
      acceptedUserId: erin.id,
    });
    expect(accepted.status).toBe(200);
    expect(accepted.body).toMatchObject({ status: 'Accepted', acceptedUserId: erin.id });
    expect((await server.api('GET', `/organizations/${org.id}/users/${erin.id}/roles`)).body.map((r: { id: string }) => r.id)).toEqual([
      member.id,
    ]);
    expect((await server.api('PUT', `/organization-invitations/${created.body.id}/status`, { status: 'Revoked' })).status).toBe(422);
    expect(
      (await server.api('POST', '/organization-invitations', { invitee: 'erin@invites.test', organizationId: org.id, expiresAt: soon }))
        .status,
    ).toBe(422);

    // An invitation past expiresAt reads as Expired and cannot be accepted, and a new one may replace it.
    const gina = await user('gina', 'gina@invites.test');
    const expiring = await ok(
      server.api('POST', '/organization-invitations', { invitee: 'gina@invites.test', organizationId: org.id, expiresAt: soon }),
    );
    await db
      .updateTable('organizationInvitations')
      .set({ expiresAt: Date.now() - 1000 })
      .where('id', '=', expiring.id)
      .execute();
    expect((await server.api('GET', `/organization-invitations/${expiring.id}`)).body.status).toBe('Expired');
    const late = await server.api('PUT', `/organization-invitations/${expiring.id}/status`, {
      status: 'Accepted',
      acceptedUserId: gina.id,
    });
    expect(late.status).toBe(422);
    expect(late.body.detail).toMatch(/Expired/);
    expect((await server.api('GET', `/users/${gina.id}/organizations`)).body).toEqual([]);
    const renewed = await server.api('POST', '/organization-invitations', {
      invitee: 'gina@invites.test',
      organizationId: org.id,
      expiresAt: soon,
    });
    expect(renewed.status).toBe(201);
    expect((await server.api('PUT', `/organization-invitations/${renewed.body.id}/status`, { status: 'Revoked' })).body.status).toBe(
      'Revoked',
    );
    expect(
      (await server.api('PUT', `/organization-invitations/${renewed.body.id}/status`, { status: 'Accepted', acceptedUserId: gina.id }))
        .status,
    ).toBe(422);
    expect((await server.api('DELETE', `/organization-invitations/${renewed.body.id}`)).status).toBe(204);
    expect((await server.api('GET', `/organization-invitations/${renewed.body.id}`)).status).toBe(404);
  });

  it('manages JIT email domains and roles with Logto semantics', async () => {
    const org = await ok(server.api('POST', '/organizations', { name: 'JIT' }));
    const role = await ok(server.api('POST', '/organization-roles', { name: 'jit-member' }));
    const base = `/organizations/${org.id}/jit`;
    const added = await server.api('POST', `${base}/email-domains`, { emailDomain: 'Example.COM' });
    expect(added.status).toBe(201);
    expect(added.body).toEqual({ organizationId: org.id, emailDomain: 'example.com' });
    expect((await server.api('POST', `${base}/email-domains`, { emailDomain: 'example.com' })).status).toBe(409);
    const bad = await server.api('POST', `${base}/email-domains`, { emailDomain: 'user@example.com' });
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0].path).toBe('emailDomain');
    expect((await server.api('PUT', `${base}/email-domains`, { emailDomains: ['a.test', 'b.test'] })).status).toBe(204);
    expect((await server.api('GET', `${base}/email-domains`)).body.map((d: { emailDomain: string }) => d.emailDomain)).toEqual([
      'a.test',
      'b.test',
    ]);
    expect((await server.api('DELETE', `${base}/email-domains/a.test`)).status).toBe(204);
    expect((await server.api('DELETE', `${base}/email-domains/a.test`)).status).toBe(404);

    expect((await server.api('POST', `${base}/roles`, { organizationRoleIds: [role.id] })).status).toBe(201);
    expect((await server.api('GET', `${base}/roles`)).body.map((r: { name: string }) => r.name)).toEqual(['jit-member']);
    expect((await server.api('PUT', `${base}/roles`, { organizationRoleIds: [] })).status).toBe(204);
    expect((await server.api('GET', `${base}/roles`)).body).toEqual([]);
    expect((await server.api('POST', `${base}/roles`, { organizationRoleIds: ['missing'] })).status).toBe(400);
    expect((await server.api('DELETE', `${base}/roles/${role.id}`)).status).toBe(404);
    expect((await server.api('GET', '/organizations/nope/jit/roles')).status).toBe(404);
  });

  it('cascades: deleting an organization, a role or a user leaves no relation rows', async () => {
    const org = await ok(server.api('POST', '/organizations', { name: 'Doomed' }));
    const scope = await ok(server.api('POST', '/organization-scopes', { name: 'doomed:scope' }));
    const role = await ok(server.api('POST', '/organization-roles', { name: 'doomed-role', organizationScopeIds: [scope.id] }));
    const appRole = await ok(server.api('POST', '/organization-roles', { name: 'doomed-app-role', type: 'MachineToMachine' }));
    const app = await ok(server.api('POST', '/applications', { name: 'doomed app', type: 'MachineToMachine' }));
    const henry = await user('henry', 'henry@doomed.test');
    const ivy = await user('ivy');
    const setup = async () => {
      await ok(server.api('POST', `/organizations/${org.id}/users`, { userIds: [henry.id, ivy.id] }));
      await ok(server.api('POST', `/organizations/${org.id}/users/roles`, { userIds: [henry.id, ivy.id], organizationRoleIds: [role.id] }));
    };
    await setup();
    await ok(server.api('POST', `/organizations/${org.id}/applications`, { applicationIds: [app.id] }));
    await ok(server.api('POST', `/organizations/${org.id}/applications/${app.id}/roles`, { organizationRoleIds: [appRole.id] }));
    await ok(server.api('POST', `/organizations/${org.id}/jit/email-domains`, { emailDomain: 'doomed.test' }));
    await ok(server.api('POST', `/organizations/${org.id}/jit/roles`, { organizationRoleIds: [role.id] }));
    await ok(
      server.api('POST', '/organization-invitations', {
        invitee: 'new@doomed.test',
        organizationId: org.id,
        organizationRoleIds: [role.id],
        expiresAt: Date.now() + 60_000,
      }),
    );

    expect((await server.api('DELETE', `/users/${ivy.id}`)).status).toBe(204);
    expect(await relationRows(db, 'userId', ivy.id)).toBe(0);
    expect(await relationRows(db, 'userId', henry.id)).toBe(2);

    expect(await relationRows(db, 'organizationRoleId', role.id)).toBe(4); // henry, scope, invitation, JIT
    expect((await server.api('DELETE', `/organization-roles/${role.id}`)).status).toBe(204);
    expect(await relationRows(db, 'organizationRoleId', role.id)).toBe(0);
    expect((await server.api('GET', `/organizations/${org.id}/users/${henry.id}/roles`)).body).toEqual([]);

    expect(await relationRows(db, 'organizationId', org.id)).toBeGreaterThan(0);
    expect((await server.api('DELETE', `/organizations/${org.id}`)).status).toBe(204);
    expect(await relationRows(db, 'organizationId', org.id)).toBe(0);
    expect(await relationRows(db, 'organizationRoleId', appRole.id)).toBe(0);
    expect((await server.api('GET', `/users/${henry.id}/organizations`)).body).toEqual([]);
  });

  it('lists every organization operation in the OpenAPI document with Logto operationIds', async () => {
    const doc = (await (await fetch(`${server.endpoint}/api/openapi.json`)).json()) as {
      paths: Record<string, Record<string, { operationId: string }>>;
    };
    const ids = Object.values(doc.paths).flatMap((ops) => Object.values(ops).map((op) => op.operationId));
    expect(ids).toEqual(
      expect.arrayContaining([
        'ListOrganizations',
        'CreateOrganization',
        'GetOrganization',
        'UpdateOrganization',
        'DeleteOrganization',
        'ListOrganizationUsers',
        'AddOrganizationUsers',
        'ReplaceOrganizationUsers',
        'DeleteOrganizationUser',
        'AssignOrganizationRolesToUsers',
        'ListOrganizationUserRoles',
        'AssignOrganizationRolesToUser',
        'ReplaceOrganizationUserRoles',
        'DeleteOrganizationUserRole',
        'ListOrganizationUserScopes',
        'ListOrganizationApplications',
        'AddOrganizationApplications',
        'AssignOrganizationRolesToApplication',
        'ListOrganizationJitEmailDomains',
        'CreateOrganizationJitEmailDomain',
        'ReplaceOrganizationJitEmailDomains',
        'DeleteOrganizationJitEmailDomain',
        'ListOrganizationJitRoles',
        'CreateOrganizationJitRole',
        'ReplaceOrganizationJitRoles',
        'DeleteOrganizationJitRole',
        'ListOrganizationRoles',
        'CreateOrganizationRole',
        'ListOrganizationRoleScopes',
        'CreateOrganizationRoleScope',
        'ReplaceOrganizationRoleScopes',
        'DeleteOrganizationRoleScope',
        'ListOrganizationRoleResourceScopes',
        'CreateOrganizationRoleResourceScope',
        'ListOrganizationScopes',
        'CreateOrganizationScope',
        'ListOrganizationInvitations',
        'CreateOrganizationInvitation',
        'GetOrganizationInvitation',
        'DeleteOrganizationInvitation',
        'ReplaceOrganizationInvitationStatus',
        'ListUserOrganizations',
      ]),
    );
  });
});

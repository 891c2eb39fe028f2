import { describe, expect, it } from 'vitest';
import { decideWebhookSession } from './webhook-session.ts';
import type { RoleWithScopes } from '../rbac/role-scopes.ts';

const api = 'https://hasura.example.com/api';
const role = (name: string, indicator = api): RoleWithScopes => ({
  id: name,
  name,
  description: null,
  type: 'User',
  scopes: [
    { id: `${name}-s`, name: `${name}-scope`, description: null, resourceId: 'r', resource: { id: 'r', name: 'Hasura', indicator } },
  ],
});
const base = { subject: 'u1', resource: api, preferredDefaults: [], expiresAt: 1000, now: 900, cacheSeconds: 0 };

describe('decideWebhookSession', () => {
  it('grants a requested role the holder has for the resource', () => {
    const d = decideWebhookSession({ ...base, roles: [role('user:reader'), role('user:maintainer')], requestedRole: 'user:maintainer' });
    expect(d).toEqual({ ok: true, body: { 'X-Hasura-User-Id': 'u1', 'X-Hasura-Role': 'user:maintainer', 'Cache-Control': 'max-age=0' } });
  });

  it('refuses a role the holder lacks, or holds only for another resource', () => {
    expect(decideWebhookSession({ ...base, roles: [role('user:reader')], requestedRole: 'user:maintainer' })).toMatchObject({
      ok: false,
      error: 'role_not_held',
    });
    expect(
      decideWebhookSession({ ...base, roles: [role('user:reader'), role('other', 'https://other')], requestedRole: 'other' }),
    ).toMatchObject({ ok: false, error: 'role_not_held' });
  });

  it('uses the preferred default role when none is asked for, else the first allowed', () => {
    const roles = [role('user:reader'), role('user:maintainer')];
    expect(decideWebhookSession({ ...base, roles, requestedRole: undefined, preferredDefaults: ['user:maintainer'] })).toMatchObject({
      body: { 'X-Hasura-Role': 'user:maintainer' },
    });
    expect(decideWebhookSession({ ...base, roles, requestedRole: '', preferredDefaults: ['nope'] })).toMatchObject({
      body: { 'X-Hasura-Role': 'user:reader' },
    });
  });

  it('refuses a holder with no role for the resource', () => {
    expect(decideWebhookSession({ ...base, roles: [role('x', 'https://other')], requestedRole: undefined })).toMatchObject({
      ok: false,
      error: 'no_role_for_resource',
    });
  });

  it('caps the cache time by the token remaining life', () => {
    const roles = [role('user:reader')];
    expect(decideWebhookSession({ ...base, roles, requestedRole: undefined, cacheSeconds: 300 })).toMatchObject({
      body: { 'Cache-Control': 'max-age=100' },
    });
    expect(decideWebhookSession({ ...base, roles, requestedRole: undefined, cacheSeconds: 30 })).toMatchObject({
      body: { 'Cache-Control': 'max-age=30' },
    });
  });

  it('counts the roles held in the request organization, and names it', () => {
    const organization = { id: 'org_a', roles: [role('editor'), role('viewer', 'https://other')] };
    const d = decideWebhookSession({ ...base, roles: [role('user:reader')], organization, requestedRole: 'editor' });
    expect(d).toEqual({
      ok: true,
      body: { 'X-Hasura-User-Id': 'u1', 'X-Hasura-Role': 'editor', 'X-Hasura-Org-Id': 'org_a', 'Cache-Control': 'max-age=0' },
    });
    // Global roles still count inside an organization; org roles for another API do not.
    expect(decideWebhookSession({ ...base, roles: [role('user:reader')], organization, requestedRole: 'user:reader' })).toMatchObject({
      ok: true,
    });
    expect(decideWebhookSession({ ...base, roles: [], organization, requestedRole: 'viewer' })).toMatchObject({
      ok: false,
      error: 'role_not_held',
    });
    // Without the organization, its roles grant nothing.
    expect(decideWebhookSession({ ...base, roles: [role('user:reader')], requestedRole: 'editor' })).toMatchObject({
      ok: false,
      error: 'role_not_held',
    });
  });

  it('passes the organization list on as X-Hasura-Org-Ids', () => {
    expect(
      decideWebhookSession({ ...base, roles: [role('user:reader')], requestedRole: undefined, organizationIds: '{a,b}' }),
    ).toMatchObject({ ok: true, body: { 'X-Hasura-Org-Ids': '{a,b}' } });
  });
});

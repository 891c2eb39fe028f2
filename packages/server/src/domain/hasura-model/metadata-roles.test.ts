import { describe, expect, it } from 'vitest';
import { ValidationError } from '../errors.ts';
import { collectHasuraRoles } from './metadata-roles.ts';

/** Trimmed from a real `export_metadata` (v3): three tables, an action, a remote schema. */
const exportV3 = {
  version: 3,
  sources: [
    {
      name: 'default',
      kind: 'postgres',
      tables: [
        {
          table: { name: 'user', schema: 'public' },
          select_permissions: [
            { role: 'user:reader', permission: { columns: ['id', 'name'], filter: { id: { _eq: 'X-Hasura-User-Id' } } } },
          ],
          update_permissions: [
            { role: 'user:maintainer', permission: { columns: ['name'], filter: { id: { _eq: 'X-Hasura-User-Id' } }, check: null } },
          ],
        },
        {
          table: { name: 'post', schema: 'public' },
          select_permissions: [
            { role: 'user:reader', permission: { columns: '*', filter: {} } },
            { role: 'editor', permission: { columns: '*', filter: {} } },
          ],
          insert_permissions: [{ role: 'editor', permission: { check: {}, columns: ['title'] } }],
          delete_permissions: [{ role: 'moderator', permission: { filter: {} } }],
        },
        {
          table: { name: 'comment', schema: 'public' },
          select_permissions: [
            { role: 'anonymous', permission: { columns: ['body'], filter: {} } },
            { role: 'admin', permission: { columns: '*', filter: {} } },
          ],
          insert_permissions: [{ role: 'user:reader', permission: { check: {}, columns: ['body'] } }],
        },
      ],
      functions: [{ function: { name: 'search_posts', schema: 'public' }, permissions: [{ role: 'anonymous' }] }],
    },
  ],
  actions: [
    {
      name: 'deleteAccount',
      definition: { handler: 'https://api.example.com/delete', kind: 'synchronous', type: 'mutation' },
      permissions: [{ role: 'user:maintainer' }, { role: 'support' }],
    },
  ],
  remote_schemas: [
    {
      name: 'payments',
      definition: { url: 'https://payments.example.com/graphql', timeout_seconds: 60 },
      permissions: [
        { role: 'billing', definition: { schema: 'type Query { invoices: [String] }' } },
        { role: 'editor', definition: { schema: '' } },
      ],
    },
  ],
  inherited_roles: [{ role_name: 'staff', role_set: ['editor', 'moderator'] }],
  query_collections: [{ name: 'allowed-queries', definition: { queries: [{ name: 'getUser', query: 'query getUser { user { id } }' }] } }],
  allowlist: [{ collection: 'allowed-queries', scope: { global: false, roles: ['user:reader'] } }],
  rest_endpoints: [
    {
      name: 'getUser',
      url: 'user',
      methods: ['GET'],
      definition: { query: { collection_name: 'allowed-queries', query_name: 'getUser' } },
    },
  ],
};

const EXPECTED_ROLES = ['anonymous', 'billing', 'editor', 'moderator', 'staff', 'support', 'user:maintainer', 'user:reader'];

describe('collectHasuraRoles', () => {
  it('collects every role of a v3 export, without admin', () => {
    const { roles, sources } = collectHasuraRoles(exportV3);
    expect(roles).toEqual(EXPECTED_ROLES);
    expect(sources['user:reader']).toEqual([
      'table default.public.user: select',
      'table default.public.post: select',
      'table default.public.comment: insert',
      'allowlist allowed-queries',
    ]);
    expect(sources['user:maintainer']).toEqual(['table default.public.user: update', 'action deleteAccount']);
    expect(sources.editor).toContain('remote schema payments');
    expect(sources.staff).toEqual(['inherited role staff']);
    expect(sources.moderator).toContain('inherited role staff: member');
    expect(sources.anonymous).toContain('function default.public.search_posts: execute');
  });

  it('unwraps the { resource_version, metadata } envelope', () => {
    expect(collectHasuraRoles({ resource_version: 12, metadata: exportV3 }).roles).toEqual(EXPECTED_ROLES);
  });

  it('reads the older v2 shape with top-level tables', () => {
    const v2 = {
      version: 2,
      tables: [
        { table: { schema: 'public', name: 'user' }, select_permissions: [{ role: 'user:reader', permission: {} }] },
        { table: 'profile', update_permissions: [{ role: 'user:maintainer', permission: {} }] },
      ],
      remote_schemas: [],
      actions: [{ name: 'sync', permissions: [{ role: 'worker' }] }],
    };
    const { roles, sources } = collectHasuraRoles(v2);
    expect(roles).toEqual(['user:maintainer', 'user:reader', 'worker']);
    expect(sources['user:maintainer']).toEqual(['table profile: update']);
  });

  it('rejects something that is not a metadata export', () => {
    expect(() => collectHasuraRoles([1, 2])).toThrow(ValidationError);
    expect(() => collectHasuraRoles({ hello: 'world' })).toThrow(/sources/);
  });
});

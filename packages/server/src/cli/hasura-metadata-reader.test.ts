import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ValidationError } from '../domain/errors.ts';
import { collectHasuraRoles } from '../domain/hasura-model/metadata-roles.ts';
import { readHasuraMetadataDirectory } from './hasura-metadata-reader.ts';

/** The files `hasura metadata export` writes (config v3), trimmed to what matters. */
const EXPORT: Record<string, string> = {
  'config.yaml': 'version: 3\nendpoint: http://localhost:8080\nmetadata_directory: metadata\n',
  'metadata/version.yaml': 'version: 3\n',
  'metadata/databases/databases.yaml': `- name: default
  kind: postgres
  configuration:
    connection_info:
      database_url:
        from_env: HASURA_GRAPHQL_DATABASE_URL
      isolation_level: read-committed
      use_prepared_statements: true
  tables: "!include default/tables/tables.yaml"
  functions: !include default/functions/functions.yaml
`,
  'metadata/databases/default/tables/tables.yaml': `- "!include public_user.yaml"
- "!include public_post.yaml"
- "!include public_comment.yaml"
`,
  'metadata/databases/default/tables/public_user.yaml': `table:
  name: user
  schema: public
select_permissions:
  - role: user:reader
    permission:
      columns: [id, name]
      filter:
        id:
          _eq: X-Hasura-User-Id
update_permissions:
  - role: user:maintainer
    permission:
      columns: [name]
      filter:
        id:
          _eq: X-Hasura-User-Id
      check: null
`,
  'metadata/databases/default/tables/public_post.yaml': `table:
  name: post
  schema: public
select_permissions:
  - role: user:reader
    permission: { columns: '*', filter: {} }
  - role: editor
    permission: { columns: '*', filter: {} }
insert_permissions:
  - role: editor
    permission: { check: {}, columns: [title] }
delete_permissions:
  - role: moderator
    permission: { filter: {} }
`,
  'metadata/databases/default/tables/public_comment.yaml': `table:
  name: comment
  schema: public
select_permissions:
  - role: anonymous
    permission: { columns: [body], filter: {} }
  - role: admin
    permission: { columns: '*', filter: {} }
insert_permissions:
  - role: user:reader
    permission: { check: {}, columns: [body] }
`,
  'metadata/databases/default/functions/functions.yaml': `- function:
    name: search_posts
    schema: public
  permissions:
    - role: anonymous
`,
  'metadata/actions.graphql': 'type Mutation { deleteAccount: Boolean }\n',
  'metadata/actions.yaml': `actions:
  - name: deleteAccount
    definition:
      kind: synchronous
      handler: https://api.example.com/delete
    permissions:
      - role: user:maintainer
      - role: support
custom_types:
  enums: []
  input_objects: []
  objects: []
  scalars: []
`,
  'metadata/remote_schemas.yaml': `- name: payments
  definition:
    url: https://payments.example.com/graphql
    timeout_seconds: 60
  permissions:
    - role: billing
      definition:
        schema: "type Query { invoices: [String] }"
    - role: editor
      definition:
        schema: ""
`,
  'metadata/inherited_roles.yaml': `- role_name: staff
  role_set:
    - editor
    - moderator
`,
  'metadata/allow_list.yaml': '[]\n',
  'metadata/query_collections.yaml': '[]\n',
  'metadata/rest_endpoints.yaml': '[]\n',
  'metadata/cron_triggers.yaml': '[]\n',
  'metadata/api_limits.yaml': '{}\n',
};

let dir: string | undefined;
afterEach(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
  dir = undefined;
});

async function writeExport(files: Record<string, string>): Promise<string> {
  dir = await mkdtemp(join(tmpdir(), 'gatehouse-hasura-metadata-'));
  for (const [path, content] of Object.entries(files)) {
    await mkdir(dirname(join(dir, path)), { recursive: true });
    await writeFile(join(dir, path), content);
  }
  return dir;
}

describe('readHasuraMetadataDirectory', () => {
  it('resolves quoted and tagged !include into the export_metadata shape', async () => {
    const project = await writeExport(EXPORT);
    const metadata = await readHasuraMetadataDirectory(project);
    expect(metadata.version).toBe(3);
    expect(metadata).toMatchObject({
      sources: [{ name: 'default', tables: [{ table: { name: 'user' } }, { table: { name: 'post' } }, { table: { name: 'comment' } }] }],
      actions: [{ name: 'deleteAccount' }],
      remote_schemas: [{ name: 'payments' }],
      inherited_roles: [{ role_name: 'staff' }],
      allowlist: [],
    });
    expect(collectHasuraRoles(metadata).roles).toEqual([
      'anonymous',
      'billing',
      'editor',
      'moderator',
      'staff',
      'support',
      'user:maintainer',
      'user:reader',
    ]);
  });

  it('accepts the metadata directory itself', async () => {
    const project = await writeExport(EXPORT);
    const metadata = await readHasuraMetadataDirectory(join(project, 'metadata'));
    expect(collectHasuraRoles(metadata).sources['user:maintainer']).toEqual(['table default.public.user: update', 'action deleteAccount']);
  });

  it('reads a config v2 export with top-level tables.yaml', async () => {
    const project = await writeExport({
      'metadata/version.yaml': 'version: 2\n',
      'metadata/tables.yaml':
        '- table:\n    schema: public\n    name: user\n  select_permissions:\n    - role: user:reader\n      permission: { columns: [id], filter: {} }\n',
      'metadata/actions.yaml': 'actions: []\ncustom_types: {}\n',
    });
    expect(collectHasuraRoles(await readHasuraMetadataDirectory(project)).roles).toEqual(['user:reader']);
  });

  it('refuses an include that leaves the metadata directory', async () => {
    const project = await writeExport({
      'metadata/version.yaml': 'version: 3\n',
      'metadata/databases/databases.yaml': '- name: default\n  tables: "!include ../../../secrets.yaml"\n',
    });
    await expect(readHasuraMetadataDirectory(project)).rejects.toThrow(ValidationError);
  });
});

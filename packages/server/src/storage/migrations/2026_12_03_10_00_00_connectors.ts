import type { Kysely } from 'kysely';

// Sign-in through other identity providers (Logto's social connectors, generic OIDC and OAuth 2.0)
// and enterprise SSO by email domain (Logto's SSO connectors, OIDC kind): the connectors, the
// identities they link to users, and the organizations an SSO connector adds its users to.
/* eslint-disable @typescript-eslint/no-explicit-any -- migrations take Kysely<any> by design */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('connectors')
    .addColumn('id', 'varchar(32)', (c) => c.primaryKey())
    .addColumn('connector_id', 'varchar(64)', (c) => c.notNull())
    .addColumn('target', 'varchar(128)', (c) => c.notNull().unique())
    .addColumn('name', 'varchar(256)', (c) => c.notNull())
    .addColumn('logo', 'varchar(2048)')
    .addColumn('config', 'text', (c) => c.notNull())
    .addColumn('sync_profile', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('enable_token_storage', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('sso_connectors')
    .addColumn('id', 'varchar(32)', (c) => c.primaryKey())
    .addColumn('provider_name', 'varchar(64)', (c) => c.notNull())
    .addColumn('connector_name', 'varchar(128)', (c) => c.notNull().unique())
    .addColumn('config', 'text', (c) => c.notNull())
    .addColumn('domains', 'text', (c) => c.notNull())
    .addColumn('branding', 'text', (c) => c.notNull())
    .addColumn('sync_profile', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();
  // One identity per user and target ('<connector target>' or 'sso:<sso connector id>'), and one
  // local user per upstream account of a target.
  await db.schema
    .createTable('user_identities')
    .addColumn('user_id', 'varchar(32)', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('target', 'varchar(160)', (c) => c.notNull())
    .addColumn('identity_id', 'varchar(512)', (c) => c.notNull())
    .addColumn('details', 'text', (c) => c.notNull())
    .addColumn('tokens', 'text')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('user_identities_pk', ['user_id', 'target'])
    .addUniqueConstraint('user_identities_target_identity', ['target', 'identity_id'])
    .execute();
  await db.schema
    .createTable('organization_jit_sso_connectors')
    .addColumn('organization_id', 'varchar(32)', (c) => c.notNull().references('organizations.id').onDelete('cascade'))
    .addColumn('sso_connector_id', 'varchar(32)', (c) => c.notNull().references('sso_connectors.id').onDelete('cascade'))
    .addPrimaryKeyConstraint('organization_jit_sso_connectors_pk', ['organization_id', 'sso_connector_id'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('organization_jit_sso_connectors').ifExists().execute();
  await db.schema.dropTable('user_identities').ifExists().execute();
  await db.schema.dropTable('sso_connectors').ifExists().execute();
  await db.schema.dropTable('connectors').ifExists().execute();
}

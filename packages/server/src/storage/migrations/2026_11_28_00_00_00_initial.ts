import type { Kysely } from 'kysely';

// Portable DDL: text ids, bigint epoch-ms timestamps, integer booleans, JSON as text.
/* eslint-disable @typescript-eslint/no-explicit-any -- migrations take Kysely<any> by design */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('users')
    .addColumn('id', 'varchar(32)', (c) => c.primaryKey())
    .addColumn('username', 'varchar(128)', (c) => c.unique())
    .addColumn('primary_email', 'varchar(320)', (c) => c.unique())
    .addColumn('primary_phone', 'varchar(64)', (c) => c.unique())
    .addColumn('name', 'varchar(256)')
    .addColumn('avatar', 'varchar(2048)')
    .addColumn('custom_data', 'text', (c) => c.notNull().defaultTo('{}'))
    .addColumn('password_hash', 'varchar(256)')
    .addColumn('is_suspended', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('last_sign_in_at', 'bigint')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('applications')
    .addColumn('id', 'varchar(128)', (c) => c.primaryKey())
    .addColumn('name', 'varchar(256)', (c) => c.notNull())
    .addColumn('description', 'text')
    .addColumn('type', 'varchar(32)', (c) => c.notNull())
    .addColumn('secret_hash', 'varchar(128)')
    .addColumn('redirect_uris', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('post_logout_redirect_uris', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('custom_data', 'text', (c) => c.notNull().defaultTo('{}'))
    .addColumn('is_builtin', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('resources')
    .addColumn('id', 'varchar(32)', (c) => c.primaryKey())
    .addColumn('name', 'varchar(256)', (c) => c.notNull())
    .addColumn('indicator', 'varchar(2048)', (c) => c.notNull().unique())
    .addColumn('access_token_ttl', 'integer', (c) => c.notNull())
    .addColumn('is_builtin', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('scopes')
    .addColumn('id', 'varchar(32)', (c) => c.primaryKey())
    .addColumn('resource_id', 'varchar(32)', (c) => c.notNull().references('resources.id').onDelete('cascade'))
    .addColumn('name', 'varchar(256)', (c) => c.notNull())
    .addColumn('description', 'text')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addUniqueConstraint('scopes_resource_id_name_key', ['resource_id', 'name'])
    .execute();

  await db.schema
    .createTable('roles')
    .addColumn('id', 'varchar(32)', (c) => c.primaryKey())
    .addColumn('name', 'varchar(256)', (c) => c.notNull().unique())
    .addColumn('description', 'text')
    .addColumn('type', 'varchar(32)', (c) => c.notNull())
    .addColumn('is_builtin', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('roles_scopes')
    .addColumn('role_id', 'varchar(32)', (c) => c.notNull().references('roles.id').onDelete('cascade'))
    .addColumn('scope_id', 'varchar(32)', (c) => c.notNull().references('scopes.id').onDelete('cascade'))
    .addPrimaryKeyConstraint('roles_scopes_pkey', ['role_id', 'scope_id'])
    .execute();
  await db.schema.createIndex('roles_scopes_scope_id_idx').on('roles_scopes').column('scope_id').execute();

  await db.schema
    .createTable('users_roles')
    .addColumn('user_id', 'varchar(32)', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('role_id', 'varchar(32)', (c) => c.notNull().references('roles.id').onDelete('cascade'))
    .addPrimaryKeyConstraint('users_roles_pkey', ['user_id', 'role_id'])
    .execute();
  await db.schema.createIndex('users_roles_role_id_idx').on('users_roles').column('role_id').execute();

  await db.schema
    .createTable('applications_roles')
    .addColumn('application_id', 'varchar(128)', (c) => c.notNull().references('applications.id').onDelete('cascade'))
    .addColumn('role_id', 'varchar(32)', (c) => c.notNull().references('roles.id').onDelete('cascade'))
    .addPrimaryKeyConstraint('applications_roles_pkey', ['application_id', 'role_id'])
    .execute();
  await db.schema.createIndex('applications_roles_role_id_idx').on('applications_roles').column('role_id').execute();

  await db.schema
    .createTable('signing_keys')
    .addColumn('id', 'varchar(64)', (c) => c.primaryKey())
    .addColumn('alg', 'varchar(16)', (c) => c.notNull())
    .addColumn('private_jwk', 'text', (c) => c.notNull())
    .addColumn('public_jwk', 'text', (c) => c.notNull())
    .addColumn('activates_at', 'bigint', (c) => c.notNull())
    .addColumn('expires_at', 'bigint')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('oidc_model_instances')
    .addColumn('model_name', 'varchar(64)', (c) => c.notNull())
    .addColumn('id', 'varchar(256)', (c) => c.notNull())
    .addColumn('payload', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'bigint', (c) => c.notNull())
    .addColumn('consumed_at', 'bigint')
    .addColumn('grant_id', 'varchar(256)')
    .addColumn('uid', 'varchar(256)')
    .addColumn('user_code', 'varchar(256)')
    .addPrimaryKeyConstraint('oidc_model_instances_pkey', ['model_name', 'id'])
    .execute();
  await db.schema.createIndex('oidc_model_instances_grant_id_idx').on('oidc_model_instances').column('grant_id').execute();
  await db.schema.createIndex('oidc_model_instances_uid_idx').on('oidc_model_instances').columns(['model_name', 'uid']).execute();
  await db.schema.createIndex('oidc_model_instances_expires_at_idx').on('oidc_model_instances').column('expires_at').execute();

  await db.schema
    .createTable('settings')
    .addColumn('key', 'varchar(128)', (c) => c.primaryKey())
    .addColumn('value', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('sign_in_failures')
    .addColumn('key', 'varchar(512)', (c) => c.primaryKey())
    .addColumn('failures', 'integer', (c) => c.notNull())
    .addColumn('window_start', 'bigint', (c) => c.notNull())
    .addColumn('locked_until', 'bigint')
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of [
    'sign_in_failures',
    'settings',
    'oidc_model_instances',
    'signing_keys',
    'applications_roles',
    'users_roles',
    'roles_scopes',
    'roles',
    'scopes',
    'resources',
    'applications',
    'users',
  ]) {
    await db.schema.dropTable(table).ifExists().execute();
  }
}

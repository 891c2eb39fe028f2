import { sql, type Kysely } from 'kysely';

/**
 * Organizations with Logto's model (RFC 0001/0003 of logto-io/rfcs): the organization template
 * (organization scopes and roles, roles granting org scopes and API-resource scopes), memberships
 * of users and machine apps with their roles per organization, invitations and JIT provisioning.
 * Invariants held by the schema, so one DELETE is one transaction that leaves no orphan:
 * - every relation row cascades from the organization, role, scope, user or application it names;
 * - a role held in an organization references the membership itself (composite foreign key), so
 *   removing a member removes their roles in that organization.
 * Role type rules (User roles for users, MachineToMachine roles for apps) are checked by the
 * services: Logto uses a PL/pgSQL CHECK function, which SQLite cannot express.
 */
/* eslint-disable @typescript-eslint/no-explicit-any -- migrations take Kysely<any> by design */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('organizations')
    .addColumn('id', 'varchar(32)', (c) => c.primaryKey())
    .addColumn('name', 'varchar(128)', (c) => c.notNull())
    .addColumn('description', 'varchar(256)')
    .addColumn('custom_data', 'text', (c) => c.notNull().defaultTo('{}'))
    .addColumn('is_mfa_required', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('organizations_created_at_idx').on('organizations').columns(['created_at', 'id']).execute();

  await db.schema
    .createTable('organization_scopes')
    .addColumn('id', 'varchar(32)', (c) => c.primaryKey())
    .addColumn('name', 'varchar(128)', (c) => c.notNull().unique())
    .addColumn('description', 'varchar(256)')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('organization_roles')
    .addColumn('id', 'varchar(32)', (c) => c.primaryKey())
    .addColumn('name', 'varchar(128)', (c) => c.notNull().unique())
    .addColumn('description', 'varchar(256)')
    .addColumn('type', 'varchar(32)', (c) => c.notNull().defaultTo('User'))
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('organization_role_scopes')
    .addColumn('organization_role_id', 'varchar(32)', (c) => c.notNull().references('organization_roles.id').onDelete('cascade'))
    .addColumn('organization_scope_id', 'varchar(32)', (c) => c.notNull().references('organization_scopes.id').onDelete('cascade'))
    .addPrimaryKeyConstraint('organization_role_scopes_pkey', ['organization_role_id', 'organization_scope_id'])
    .execute();
  await db.schema
    .createIndex('organization_role_scopes_scope_idx')
    .on('organization_role_scopes')
    .column('organization_scope_id')
    .execute();

  await db.schema
    .createTable('organization_role_resource_scopes')
    .addColumn('organization_role_id', 'varchar(32)', (c) => c.notNull().references('organization_roles.id').onDelete('cascade'))
    .addColumn('scope_id', 'varchar(32)', (c) => c.notNull().references('scopes.id').onDelete('cascade'))
    .addPrimaryKeyConstraint('organization_role_resource_scopes_pkey', ['organization_role_id', 'scope_id'])
    .execute();
  await db.schema
    .createIndex('organization_role_resource_scopes_scope_idx')
    .on('organization_role_resource_scopes')
    .column('scope_id')
    .execute();

  await db.schema
    .createTable('organization_user_relations')
    .addColumn('organization_id', 'varchar(32)', (c) => c.notNull().references('organizations.id').onDelete('cascade'))
    .addColumn('user_id', 'varchar(32)', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addPrimaryKeyConstraint('organization_user_relations_pkey', ['organization_id', 'user_id'])
    .execute();
  await db.schema.createIndex('organization_user_relations_user_idx').on('organization_user_relations').column('user_id').execute();

  await db.schema
    .createTable('organization_role_user_relations')
    .addColumn('organization_id', 'varchar(32)', (c) => c.notNull())
    .addColumn('user_id', 'varchar(32)', (c) => c.notNull())
    .addColumn('organization_role_id', 'varchar(32)', (c) => c.notNull().references('organization_roles.id').onDelete('cascade'))
    .addPrimaryKeyConstraint('organization_role_user_relations_pkey', ['organization_id', 'user_id', 'organization_role_id'])
    .addForeignKeyConstraint(
      'organization_role_user_relations_membership_fk',
      ['organization_id', 'user_id'],
      'organization_user_relations',
      ['organization_id', 'user_id'],
      (fk) => fk.onDelete('cascade'),
    )
    .execute();
  await db.schema
    .createIndex('organization_role_user_relations_role_idx')
    .on('organization_role_user_relations')
    .column('organization_role_id')
    .execute();
  await db.schema
    .createIndex('organization_role_user_relations_user_idx')
    .on('organization_role_user_relations')
    .column('user_id')
    .execute();

  await db.schema
    .createTable('organization_application_relations')
    .addColumn('organization_id', 'varchar(32)', (c) => c.notNull().references('organizations.id').onDelete('cascade'))
    .addColumn('application_id', 'varchar(128)', (c) => c.notNull().references('applications.id').onDelete('cascade'))
    .addPrimaryKeyConstraint('organization_application_relations_pkey', ['organization_id', 'application_id'])
    .execute();
  await db.schema
    .createIndex('organization_application_relations_app_idx')
    .on('organization_application_relations')
    .column('application_id')
    .execute();

  await db.schema
    .createTable('organization_role_application_relations')
    .addColumn('organization_id', 'varchar(32)', (c) => c.notNull())
    .addColumn('application_id', 'varchar(128)', (c) => c.notNull())
    .addColumn('organization_role_id', 'varchar(32)', (c) => c.notNull().references('organization_roles.id').onDelete('cascade'))
    .addPrimaryKeyConstraint('organization_role_application_relations_pkey', ['organization_id', 'application_id', 'organization_role_id'])
    .addForeignKeyConstraint(
      'organization_role_application_relations_membership_fk',
      ['organization_id', 'application_id'],
      'organization_application_relations',
      ['organization_id', 'application_id'],
      (fk) => fk.onDelete('cascade'),
    )
    .execute();
  await db.schema
    .createIndex('organization_role_application_relations_role_idx')
    .on('organization_role_application_relations')
    .column('organization_role_id')
    .execute();
  await db.schema
    .createIndex('organization_role_application_relations_app_idx')
    .on('organization_role_application_relations')
    .column('application_id')
    .execute();

  await db.schema
    .createTable('organization_invitations')
    .addColumn('id', 'varchar(32)', (c) => c.primaryKey())
    // Deleting the inviter keeps the invitation valid (Logto cascades; an invite outliving the
    // admin who sent it is the friendlier rule).
    .addColumn('inviter_id', 'varchar(32)', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('invitee', 'varchar(320)', (c) => c.notNull())
    .addColumn('accepted_user_id', 'varchar(32)', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('organization_id', 'varchar(32)', (c) => c.notNull().references('organizations.id').onDelete('cascade'))
    .addColumn('status', 'varchar(16)', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addColumn('expires_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('organization_invitations_organization_idx')
    .on('organization_invitations')
    .columns(['organization_id', 'created_at'])
    .execute();
  // One pending invitation per invitee and organization (partial indexes: SQLite 3.8+, PostgreSQL).
  await db.schema
    .createIndex('organization_invitations_pending_key')
    .on('organization_invitations')
    .columns(['invitee', 'organization_id'])
    .unique()
    .where(sql.ref('status'), '=', 'Pending')
    .execute();

  await db.schema
    .createTable('organization_invitation_roles')
    .addColumn('organization_invitation_id', 'varchar(32)', (c) =>
      c.notNull().references('organization_invitations.id').onDelete('cascade'),
    )
    .addColumn('organization_role_id', 'varchar(32)', (c) => c.notNull().references('organization_roles.id').onDelete('cascade'))
    .addPrimaryKeyConstraint('organization_invitation_roles_pkey', ['organization_invitation_id', 'organization_role_id'])
    .execute();
  await db.schema
    .createIndex('organization_invitation_roles_role_idx')
    .on('organization_invitation_roles')
    .column('organization_role_id')
    .execute();

  await db.schema
    .createTable('organization_jit_email_domains')
    .addColumn('organization_id', 'varchar(32)', (c) => c.notNull().references('organizations.id').onDelete('cascade'))
    .addColumn('email_domain', 'varchar(128)', (c) => c.notNull())
    .addPrimaryKeyConstraint('organization_jit_email_domains_pkey', ['organization_id', 'email_domain'])
    .execute();
  await db.schema
    .createIndex('organization_jit_email_domains_domain_idx')
    .on('organization_jit_email_domains')
    .column('email_domain')
    .execute();

  await db.schema
    .createTable('organization_jit_roles')
    .addColumn('organization_id', 'varchar(32)', (c) => c.notNull().references('organizations.id').onDelete('cascade'))
    .addColumn('organization_role_id', 'varchar(32)', (c) => c.notNull().references('organization_roles.id').onDelete('cascade'))
    .addPrimaryKeyConstraint('organization_jit_roles_pkey', ['organization_id', 'organization_role_id'])
    .execute();
  await db.schema.createIndex('organization_jit_roles_role_idx').on('organization_jit_roles').column('organization_role_id').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of [
    'organization_jit_roles',
    'organization_jit_email_domains',
    'organization_invitation_roles',
    'organization_invitations',
    'organization_role_application_relations',
    'organization_application_relations',
    'organization_role_user_relations',
    'organization_user_relations',
    'organization_role_resource_scopes',
    'organization_role_scopes',
    'organization_roles',
    'organization_scopes',
    'organizations',
  ]) {
    await db.schema.dropTable(table).ifExists().execute();
  }
}

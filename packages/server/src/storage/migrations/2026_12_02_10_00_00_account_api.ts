import type { Kysely } from 'kysely';

// Logto's Account API: verification records (a user proved who they are, or that they own a new
// address, a moment ago), each user's OIDC standard profile (Logto's `profile`) and the address
// the user last proved to own with a code (their email is verified while it equals it).
/* eslint-disable @typescript-eslint/no-explicit-any -- migrations take Kysely<any> by design */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('verification_records')
    .addColumn('id', 'varchar(32)', (c) => c.primaryKey())
    .addColumn('user_id', 'varchar(32)', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('type', 'varchar(32)', (c) => c.notNull())
    .addColumn('template_type', 'varchar(64)')
    .addColumn('email', 'varchar(320)')
    .addColumn('code_id', 'varchar(32)')
    .addColumn('verified_at', 'bigint')
    .addColumn('expires_at', 'bigint', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('verification_records_expires_at').on('verification_records').column('expires_at').execute();
  await db.schema
    .alterTable('users')
    .addColumn('profile', 'text', (c) => c.notNull().defaultTo('{}'))
    .execute();
  await db.schema.alterTable('users').addColumn('verified_email', 'varchar(320)').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('users').dropColumn('verified_email').execute();
  await db.schema.alterTable('users').dropColumn('profile').execute();
  await db.schema.dropTable('verification_records').ifExists().execute();
}

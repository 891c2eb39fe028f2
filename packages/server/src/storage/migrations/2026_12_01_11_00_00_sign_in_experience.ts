import type { Kysely } from 'kysely';

// End-user accounts: editable email templates (Logto's table, one per language and type),
// hashed verification codes, and the counters that limit how often codes are sent.
// The sign-in experience itself is one JSON document in `settings`.
/* eslint-disable @typescript-eslint/no-explicit-any -- migrations take Kysely<any> by design */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('email_templates')
    .addColumn('id', 'varchar(32)', (c) => c.primaryKey())
    .addColumn('language_tag', 'varchar(16)', (c) => c.notNull())
    .addColumn('template_type', 'varchar(64)', (c) => c.notNull())
    .addColumn('details', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addUniqueConstraint('email_templates_language_tag_template_type_key', ['language_tag', 'template_type'])
    .execute();

  await db.schema
    .createTable('verification_codes')
    .addColumn('id', 'varchar(32)', (c) => c.primaryKey())
    .addColumn('address_hash', 'varchar(64)', (c) => c.notNull())
    .addColumn('usage', 'varchar(64)', (c) => c.notNull())
    .addColumn('code_hash', 'varchar(64)', (c) => c.notNull())
    .addColumn('salt', 'varchar(32)', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('expires_at', 'bigint', (c) => c.notNull())
    .addColumn('consumed_at', 'bigint')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('verification_codes_expires_at').on('verification_codes').column('expires_at').execute();

  await db.schema
    .createTable('message_rate_limits')
    .addColumn('key', 'varchar(128)', (c) => c.primaryKey())
    .addColumn('count', 'integer', (c) => c.notNull())
    .addColumn('window_start', 'bigint', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('message_rate_limits').ifExists().execute();
  await db.schema.dropTable('verification_codes').ifExists().execute();
  await db.schema.dropTable('email_templates').ifExists().execute();
}

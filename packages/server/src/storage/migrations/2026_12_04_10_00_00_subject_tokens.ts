import type { Kysely } from 'kysely';

// Logto's subject_tokens (impersonation), with the token stored as a hash rather than as its id.
/* eslint-disable @typescript-eslint/no-explicit-any -- migrations take Kysely<any> by design */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('subject_tokens')
    .addColumn('id', 'varchar(32)', (c) => c.primaryKey())
    .addColumn('token_hash', 'varchar(64)', (c) => c.notNull().unique())
    .addColumn('user_id', 'varchar(32)', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('context', 'text', (c) => c.notNull().defaultTo('{}'))
    .addColumn('creator_id', 'varchar(128)', (c) => c.notNull())
    .addColumn('creator_type', 'varchar(16)', (c) => c.notNull())
    .addColumn('expires_at', 'bigint', (c) => c.notNull())
    .addColumn('consumed_at', 'bigint')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('subject_tokens_expires_at').on('subject_tokens').column('expires_at').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('subject_tokens').ifExists().execute();
}

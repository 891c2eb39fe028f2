import type { Kysely } from 'kysely';

/*
 * Events: the transactional outbox (`events`), webhooks (`hooks`), one delivery row per hook
 * and event (`hook_deliveries`, written in the same transaction as the change) and the audit
 * log (`logs`). `seq` columns are database-assigned and increasing, so a hook's deliveries
 * are sent in the order their changes committed; that is the one dialect-specific column.
 */
/* eslint-disable @typescript-eslint/no-explicit-any -- migrations take Kysely<any> by design */
const isPostgres = (db: Kysely<any>) => db.getExecutor().adapter.constructor.name.toLowerCase().includes('postgres');

export async function up(db: Kysely<any>): Promise<void> {
  const pg = isPostgres(db);
  const serial = (table: ReturnType<Kysely<any>['schema']['createTable']>) =>
    pg
      ? table.addColumn('seq', 'bigserial', (c) => c.primaryKey())
      : table.addColumn('seq', 'integer', (c) => c.primaryKey().autoIncrement());

  await serial(db.schema.createTable('events'))
    .addColumn('id', 'varchar(32)', (c) => c.notNull().unique())
    .addColumn('event', 'varchar(128)', (c) => c.notNull())
    .addColumn('payload', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('events_created_at_idx').on('events').column('created_at').execute();

  await db.schema
    .createTable('hooks')
    .addColumn('id', 'varchar(32)', (c) => c.primaryKey())
    .addColumn('name', 'varchar(256)', (c) => c.notNull())
    .addColumn('events', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('config', 'text', (c) => c.notNull())
    .addColumn('signing_key', 'varchar(128)', (c) => c.notNull())
    .addColumn('enabled', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('failing_since', 'bigint')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();

  await serial(db.schema.createTable('hook_deliveries'))
    .addColumn('id', 'varchar(32)', (c) => c.notNull().unique())
    .addColumn('hook_id', 'varchar(32)', (c) => c.notNull().references('hooks.id').onDelete('cascade'))
    .addColumn('event_id', 'varchar(32)', (c) => c.notNull().references('events.id').onDelete('cascade'))
    .addColumn('state', 'varchar(16)', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('next_attempt_at', 'bigint', (c) => c.notNull())
    .addColumn('lease_until', 'bigint')
    .addColumn('deadline_at', 'bigint', (c) => c.notNull())
    .addColumn('response_status', 'integer')
    .addColumn('response_body', 'text')
    .addColumn('last_error', 'text')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();
  // The claim looks for each hook's earliest pending delivery.
  await db.schema.createIndex('hook_deliveries_hook_state_seq_idx').on('hook_deliveries').columns(['hook_id', 'state', 'seq']).execute();
  await db.schema.createIndex('hook_deliveries_state_next_idx').on('hook_deliveries').columns(['state', 'next_attempt_at']).execute();

  await db.schema
    .createTable('logs')
    .addColumn('id', 'varchar(32)', (c) => c.primaryKey())
    .addColumn('key', 'varchar(128)', (c) => c.notNull())
    .addColumn('user_id', 'varchar(128)')
    .addColumn('application_id', 'varchar(128)')
    .addColumn('payload', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('logs_created_at_idx').on('logs').column('created_at').execute();
  await db.schema.createIndex('logs_user_id_created_at_idx').on('logs').columns(['user_id', 'created_at']).execute();
  await db.schema.createIndex('logs_application_id_created_at_idx').on('logs').columns(['application_id', 'created_at']).execute();
  await db.schema.createIndex('logs_key_created_at_idx').on('logs').columns(['key', 'created_at']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('logs').ifExists().execute();
  await db.schema.dropTable('hook_deliveries').ifExists().execute();
  await db.schema.dropTable('hooks').ifExists().execute();
  await db.schema.dropTable('events').ifExists().execute();
}

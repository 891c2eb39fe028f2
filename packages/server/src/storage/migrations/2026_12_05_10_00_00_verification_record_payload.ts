import type { Kysely } from 'kysely';

// A Social verification record of the Account API keeps the request sent upstream, then the identity it proved (JSON).
/* eslint-disable @typescript-eslint/no-explicit-any -- migrations take Kysely<any> by design */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('verification_records').addColumn('payload', 'text').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('verification_records').dropColumn('payload').execute();
}

import { sql, type Kysely } from 'kysely';

// Sign-in lockout resolves a typed identifier to its account ignoring case
// (`lower(username) = ?`); without this index every attempt scans the users table.
// Expression indexes are portable: SQLite (3.9+) and PostgreSQL both accept this DDL.
/* eslint-disable @typescript-eslint/no-explicit-any -- migrations take Kysely<any> by design */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createIndex('users_username_lower')
    .on('users')
    .expression(sql`lower(username)`)
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('users_username_lower').ifExists().execute();
}

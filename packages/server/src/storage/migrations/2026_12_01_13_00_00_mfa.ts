import type { Kysely } from 'kysely';

// Logto's user mfaVerifications, one row each: TOTP (secret and the last time step used, so a
// code is accepted once), WebAuthn credentials (id, public key, signature counter, transports,
// AAGUID) and one backup-code set (codes hashed, each with its time of use).
/* eslint-disable @typescript-eslint/no-explicit-any -- migrations take Kysely<any> by design */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('mfa_verifications')
    .addColumn('id', 'varchar(32)', (c) => c.primaryKey())
    .addColumn('user_id', 'varchar(32)', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('type', 'varchar(16)', (c) => c.notNull())
    .addColumn('totp_secret', 'varchar(64)')
    .addColumn('totp_last_used_step', 'bigint')
    .addColumn('credential_id', 'varchar(1024)')
    .addColumn('public_key', 'text')
    .addColumn('counter', 'bigint')
    .addColumn('transports', 'text')
    .addColumn('aaguid', 'varchar(64)')
    .addColumn('rp_id', 'varchar(255)')
    .addColumn('agent', 'varchar(512)')
    .addColumn('name', 'varchar(256)')
    .addColumn('backup_codes', 'text')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('last_used_at', 'bigint')
    .execute();
  await db.schema.createIndex('mfa_verifications_user_id').on('mfa_verifications').column('user_id').execute();
  // A credential belongs to one account: passkey sign-in finds the user by it.
  await db.schema.createIndex('mfa_verifications_credential_id_key').on('mfa_verifications').column('credential_id').unique().execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('mfa_verifications').ifExists().execute();
}

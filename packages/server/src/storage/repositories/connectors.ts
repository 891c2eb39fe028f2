import type { Insertable, Selectable, Updateable } from 'kysely';
import type { Db } from '../db.ts';
import type { ConnectorsTable, SsoConnectorsTable, UserIdentitiesTable } from '../schema-connectors.ts';

export type ConnectorRow = Selectable<ConnectorsTable>;
export type SsoConnectorRow = Selectable<SsoConnectorsTable>;
export type UserIdentityRow = Selectable<UserIdentitiesTable>;

/*
 * Social connectors, SSO connectors, the identities they link to users and the organizations an
 * SSO connector adds its users to. The JSON columns (config, domains, branding, details, tokens)
 * are read and written by services/connectors only.
 */

export function listConnectors(db: Db): Promise<ConnectorRow[]> {
  return db.selectFrom('connectors').selectAll().orderBy('createdAt').orderBy('id').execute();
}

export function findConnectorById(db: Db, id: string): Promise<ConnectorRow | undefined> {
  return db.selectFrom('connectors').selectAll().where('id', '=', id).executeTakeFirst();
}

export function findConnectorByTarget(db: Db, target: string): Promise<ConnectorRow | undefined> {
  return db.selectFrom('connectors').selectAll().where('target', '=', target).executeTakeFirst();
}

export async function insertConnector(db: Db, row: Insertable<ConnectorsTable>): Promise<void> {
  await db.insertInto('connectors').values(row).execute();
}

export async function updateConnector(db: Db, id: string, patch: Updateable<ConnectorsTable>): Promise<void> {
  await db.updateTable('connectors').set(patch).where('id', '=', id).execute();
}

export async function deleteConnector(db: Db, id: string): Promise<number> {
  return Number((await db.deleteFrom('connectors').where('id', '=', id).executeTakeFirst()).numDeletedRows);
}

export function listSsoConnectors(db: Db): Promise<SsoConnectorRow[]> {
  return db.selectFrom('ssoConnectors').selectAll().orderBy('createdAt').orderBy('id').execute();
}

export function findSsoConnectorById(db: Db, id: string): Promise<SsoConnectorRow | undefined> {
  return db.selectFrom('ssoConnectors').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function insertSsoConnector(db: Db, row: Insertable<SsoConnectorsTable>): Promise<void> {
  await db.insertInto('ssoConnectors').values(row).execute();
}

export async function updateSsoConnector(db: Db, id: string, patch: Updateable<SsoConnectorsTable>): Promise<void> {
  await db.updateTable('ssoConnectors').set(patch).where('id', '=', id).execute();
}

export async function deleteSsoConnector(db: Db, id: string): Promise<number> {
  return Number((await db.deleteFrom('ssoConnectors').where('id', '=', id).executeTakeFirst()).numDeletedRows);
}

export function listIdentitiesOfUser(db: Db, userId: string): Promise<UserIdentityRow[]> {
  return db.selectFrom('userIdentities').selectAll().where('userId', '=', userId).orderBy('target').execute();
}

export function findIdentity(db: Db, target: string, identityId: string): Promise<UserIdentityRow | undefined> {
  return db.selectFrom('userIdentities').selectAll().where('target', '=', target).where('identityId', '=', identityId).executeTakeFirst();
}

/** Links (or re-links) the user's identity of a target. */
export async function upsertIdentity(db: Db, row: Insertable<UserIdentitiesTable>): Promise<void> {
  await db
    .insertInto('userIdentities')
    .values(row)
    .onConflict((oc) =>
      oc.columns(['userId', 'target']).doUpdateSet({
        identityId: row.identityId,
        details: row.details,
        tokens: row.tokens ?? null,
        updatedAt: row.updatedAt,
      }),
    )
    .execute();
}

export async function deleteIdentity(db: Db, userId: string, target: string): Promise<number> {
  return Number(
    (await db.deleteFrom('userIdentities').where('userId', '=', userId).where('target', '=', target).executeTakeFirst()).numDeletedRows,
  );
}

export function listJitSsoConnectorIds(db: Db, organizationId: string): Promise<string[]> {
  return db
    .selectFrom('organizationJitSsoConnectors')
    .select('ssoConnectorId')
    .where('organizationId', '=', organizationId)
    .orderBy('ssoConnectorId')
    .execute()
    .then((rows) => rows.map((r) => r.ssoConnectorId));
}

export function listOrganizationIdsOfJitSsoConnector(db: Db, ssoConnectorId: string): Promise<string[]> {
  return db
    .selectFrom('organizationJitSsoConnectors')
    .select('organizationId')
    .where('ssoConnectorId', '=', ssoConnectorId)
    .execute()
    .then((rows) => rows.map((r) => r.organizationId));
}

export async function insertJitSsoConnectors(db: Db, organizationId: string, ids: readonly string[]): Promise<void> {
  if (ids.length === 0) return;
  await db
    .insertInto('organizationJitSsoConnectors')
    .values(ids.map((ssoConnectorId) => ({ organizationId, ssoConnectorId })))
    .onConflict((oc) => oc.doNothing())
    .execute();
}

/** Removes one, or every one when `ssoConnectorId` is omitted. */
export async function deleteJitSsoConnectors(db: Db, organizationId: string, ssoConnectorId?: string): Promise<number> {
  let q = db.deleteFrom('organizationJitSsoConnectors').where('organizationId', '=', organizationId);
  if (ssoConnectorId !== undefined) q = q.where('ssoConnectorId', '=', ssoConnectorId);
  return Number((await q.executeTakeFirst()).numDeletedRows);
}

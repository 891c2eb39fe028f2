import type { Insertable, Updateable } from 'kysely';
import type { Db } from '../db.ts';
import type { OrganizationInvitationRow, OrganizationInvitationsTable } from '../schema.ts';

export interface InvitationFilter {
  organizationId?: string;
  inviterId?: string;
  invitee?: string;
}

export function listInvitations(db: Db, filter: InvitationFilter = {}): Promise<OrganizationInvitationRow[]> {
  let q = db.selectFrom('organizationInvitations').selectAll();
  if (filter.organizationId) q = q.where('organizationId', '=', filter.organizationId);
  if (filter.inviterId) q = q.where('inviterId', '=', filter.inviterId);
  if (filter.invitee) q = q.where('invitee', '=', filter.invitee);
  return q.orderBy('createdAt', 'asc').orderBy('id').execute();
}

export function findInvitationById(db: Db, id: string): Promise<OrganizationInvitationRow | undefined> {
  return db.selectFrom('organizationInvitations').selectAll().where('id', '=', id).executeTakeFirst();
}

export function listRolesOfInvitations(
  db: Db,
  invitationIds: readonly string[],
): Promise<Array<{ organizationInvitationId: string; id: string; name: string }>> {
  if (invitationIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('organizationInvitationRoles as ir')
    .innerJoin('organizationRoles as r', 'r.id', 'ir.organizationRoleId')
    .select(['ir.organizationInvitationId', 'r.id', 'r.name'])
    .where('ir.organizationInvitationId', 'in', [...invitationIds])
    .orderBy('r.createdAt')
    .orderBy('r.id')
    .execute();
}

export async function insertInvitation(db: Db, row: Insertable<OrganizationInvitationsTable>): Promise<void> {
  await db.insertInto('organizationInvitations').values(row).execute();
}

export async function insertInvitationRoles(db: Db, invitationId: string, roleIds: readonly string[]): Promise<void> {
  if (roleIds.length === 0) return;
  await db
    .insertInto('organizationInvitationRoles')
    .values(roleIds.map((organizationRoleId) => ({ organizationInvitationId: invitationId, organizationRoleId })))
    .execute();
}

/**
 * Moves an invitation out of Pending only if it still is, so two concurrent status changes
 * cannot both succeed (the loser updates no row).
 */
export async function updatePendingInvitation(
  db: Db,
  id: string,
  patch: Updateable<OrganizationInvitationsTable>,
  opts: { unexpiredAt?: number } = {},
): Promise<number> {
  let q = db.updateTable('organizationInvitations').set(patch).where('id', '=', id).where('status', '=', 'Pending');
  if (opts.unexpiredAt !== undefined) q = q.where('expiresAt', '>', opts.unexpiredAt);
  const r = await q.executeTakeFirst();
  return Number(r.numUpdatedRows);
}

/** Stores Expired on pending invitations past their time, so a new one can take their place. */
export async function expirePendingInvitations(db: Db, invitee: string, organizationId: string, now: number): Promise<void> {
  await db
    .updateTable('organizationInvitations')
    .set({ status: 'Expired', updatedAt: now })
    .where('invitee', '=', invitee)
    .where('organizationId', '=', organizationId)
    .where('status', '=', 'Pending')
    .where('expiresAt', '<=', now)
    .execute();
}

export async function deleteInvitation(db: Db, id: string): Promise<number> {
  const r = await db.deleteFrom('organizationInvitations').where('id', '=', id).executeTakeFirst();
  return Number(r.numDeletedRows);
}

import type { OrganizationInvitationDto } from '@gatehouse/client/dto';
import { ConflictError, NotFoundError, UnprocessableError, ValidationError } from '../../domain/errors.ts';
import type { Db } from '../../storage/db.ts';
import { newId } from '../../storage/ids.ts';
import * as repo from '../../storage/repositories/organizations-invitations.ts';
import type { InvitationFilter } from '../../storage/repositories/organizations-invitations.ts';
import { insertMemberRoles, insertMembers, isEmailMember, listMemberIds } from '../../storage/repositories/organizations-members.ts';
import { findOrganizationById } from '../../storage/repositories/organizations.ts';
import { findUserById } from '../../storage/repositories/users.ts';
import type { OrganizationInvitationRow } from '../../storage/schema.ts';
import { inTransaction } from '../../storage/transaction.ts';
import type { ServiceDeps } from '../deps.ts';
import { announceOrganizations, recordOrganizationEvent } from './announce.ts';
import { requireOrganizationRoleIds } from './guards.ts';
import { sendInvitation, type InvitationMailer } from './invitation-mail.ts';
import { groupRoleEntities, invitationStatusOf, toInvitationDto } from './mappers.ts';

export interface InvitationInput {
  invitee: string;
  organizationId: string;
  organizationRoleIds?: string[];
  expiresAt: number;
  inviterId?: string | null;
  /** Logto's `messagePayload`: send the invitation email with it; `false` (default) sends none. */
  messagePayload?: Record<string, unknown> | false;
}

async function withRoles(db: Db, rows: OrganizationInvitationRow[]): Promise<OrganizationInvitationDto[]> {
  const roles = groupRoleEntities(
    await repo.listRolesOfInvitations(
      db,
      rows.map((r) => r.id),
    ),
    'organizationInvitationId',
  );
  const now = Date.now();
  return rows.map((row) => toInvitationDto(row, roles.get(row.id) ?? [], now));
}

async function requireInvitation(db: Db, id: string): Promise<OrganizationInvitationRow> {
  const row = await repo.findInvitationById(db, id);
  if (!row) throw new NotFoundError(`Organization invitation ${id} does not exist.`);
  return row;
}

export async function listInvitations(deps: ServiceDeps, filter: InvitationFilter): Promise<OrganizationInvitationDto[]> {
  const rows = await repo.listInvitations(deps.db, { ...filter, invitee: filter.invitee?.toLowerCase() });
  return withRoles(deps.db, rows);
}

export async function getInvitation(deps: ServiceDeps, id: string): Promise<OrganizationInvitationDto> {
  const [dto] = await withRoles(deps.db, [await requireInvitation(deps.db, id)]);
  return dto;
}

export async function createInvitation(
  deps: ServiceDeps & { mailer: InvitationMailer },
  input: InvitationInput,
): Promise<OrganizationInvitationDto> {
  const now = Date.now();
  const invitee = input.invitee.toLowerCase();
  if (input.expiresAt <= now) {
    throw new ValidationError('The invitation must expire in the future.', [{ path: 'expiresAt', message: 'must be in the future' }]);
  }
  const id = newId();
  const roleIds = [...new Set(input.organizationRoleIds ?? [])];
  const dto = await inTransaction(deps.db, async (trx) => {
    const organization = await findOrganizationById(trx, input.organizationId);
    if (!organization) {
      throw new ValidationError('The organization does not exist.', [{ path: 'organizationId', message: 'organization does not exist' }]);
    }
    if (input.inviterId && !(await findUserById(trx, input.inviterId))) {
      throw new ValidationError('The inviter does not exist.', [{ path: 'inviterId', message: 'user does not exist' }]);
    }
    const roles = await requireOrganizationRoleIds(trx, roleIds);
    const m2m = roles.filter((r) => r.type !== 'User');
    if (m2m.length > 0) {
      throw new UnprocessableError(`Invitees can hold only User organization roles; ${m2m.map((r) => r.name).join(', ')} are not.`);
    }
    if (await isEmailMember(trx, input.organizationId, invitee)) {
      throw new UnprocessableError('The invitee is already a member of the organization.');
    }
    // A pending invitation past its time no longer blocks a new one (one pending per invitee).
    await repo.expirePendingInvitations(trx, invitee, input.organizationId, now);
    const pending = await repo.listInvitations(trx, { organizationId: input.organizationId, invitee });
    if (pending.some((p) => p.status === 'Pending')) {
      throw new ConflictError('The invitee already has a pending invitation to this organization.');
    }
    await repo.insertInvitation(trx, {
      id,
      inviterId: input.inviterId ?? null,
      invitee,
      acceptedUserId: null,
      organizationId: input.organizationId,
      status: 'Pending',
      createdAt: now,
      updatedAt: now,
      expiresAt: input.expiresAt,
    });
    await repo.insertInvitationRoles(trx, id, roleIds);
    const [created] = await withRoles(trx, [await requireInvitation(trx, id)]);
    return { invitation: created, organization };
  });
  if (input.messagePayload) {
    const inviter = input.inviterId ? await findUserById(deps.db, input.inviterId) : undefined;
    try {
      await sendInvitation(deps.mailer, {
        invitation: dto.invitation,
        organization: { id: dto.organization.id, name: dto.organization.name },
        ...(inviter ? { inviter: { id: inviter.id, name: inviter.name, primaryEmail: inviter.primaryEmail } } : {}),
        messagePayload: input.messagePayload,
      });
    } catch (error) {
      // An invitation nobody was told about is not left pending: the request failed as a whole.
      await repo.deleteInvitation(deps.db, id);
      throw error;
    }
  }
  return dto.invitation;
}

export async function deleteInvitation(deps: ServiceDeps, id: string): Promise<void> {
  if ((await repo.deleteInvitation(deps.db, id)) === 0) throw new NotFoundError(`Organization invitation ${id} does not exist.`);
}

/**
 * Accepting adds the membership and the invitation's roles in the same transaction as the status
 * change; the status moves only from Pending, and acceptance only before `expiresAt`, so an
 * expired, revoked or already accepted invitation grants nothing.
 */
export async function updateInvitationStatus(
  deps: ServiceDeps,
  id: string,
  input: { status: 'Accepted' | 'Revoked'; acceptedUserId?: string | null },
): Promise<OrganizationInvitationDto> {
  const now = Date.now();
  const row = await requireInvitation(deps.db, id);
  const status = invitationStatusOf(row, now);
  if (status !== 'Pending') throw new UnprocessableError(`The invitation is ${status}; its status cannot be changed anymore.`);
  let acceptedUserId: string | null = null;
  if (input.status === 'Accepted') {
    if (!input.acceptedUserId) {
      throw new ValidationError('acceptedUserId is required to accept an invitation.', [
        { path: 'acceptedUserId', message: 'required when status is Accepted' },
      ]);
    }
    const user = await findUserById(deps.db, input.acceptedUserId);
    if (!user)
      throw new ValidationError('The accepting user does not exist.', [{ path: 'acceptedUserId', message: 'user does not exist' }]);
    if (user.primaryEmail?.toLowerCase() !== row.invitee) {
      throw new UnprocessableError('The accepting user must have the invitee email address as their primary email.');
    }
    acceptedUserId = user.id;
  }
  const dto = await inTransaction(deps.db, async (trx) => {
    const changed = await repo.updatePendingInvitation(
      trx,
      id,
      { status: input.status, acceptedUserId, updatedAt: now },
      input.status === 'Accepted' ? { unexpiredAt: now } : {},
    );
    if (changed === 0) throw new UnprocessableError('The invitation is no longer pending.');
    if (acceptedUserId) {
      const wasMember = (await listMemberIds(trx, 'user', row.organizationId, [acceptedUserId])).length > 0;
      await insertMembers(trx, 'user', row.organizationId, [acceptedUserId]);
      const roles = await repo.listRolesOfInvitations(trx, [id]);
      await insertMemberRoles(
        trx,
        'user',
        row.organizationId,
        acceptedUserId,
        roles.map((r) => r.id),
      );
      await recordOrganizationEvent(trx, {
        key: 'Organization.Membership.Updated',
        data: { organizationId: row.organizationId, ...(wasMember ? {} : { addedUserIds: [acceptedUserId] }) },
      });
    }
    const [updated] = await withRoles(trx, [await requireInvitation(trx, id)]);
    return updated;
  });
  if (acceptedUserId) await announceOrganizations(deps);
  return dto;
}

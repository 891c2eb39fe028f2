import type {
  RoleType,
  OrganizationApplicationDto,
  OrganizationRoleDto,
  OrganizationScopeDto,
  OrganizationUserDto,
  OrganizationWithRolesDto,
} from '@gatehouse/client/dto';
import { NotFoundError, UnprocessableError, ValidationError } from '../../domain/errors.ts';
import { roleTypeFor } from '../../domain/rbac/role-scopes.ts';
import type { Db } from '../../storage/db.ts';
import * as members from '../../storage/repositories/organizations-members.ts';
import type { MemberFilter, MemberKind } from '../../storage/repositories/organizations-members.ts';
import type { Page, Paged } from '../../storage/repositories/pagination.ts';
import { findUserById } from '../../storage/repositories/users.ts';
import type { OrganizationRoleRow } from '../../storage/schema.ts';
import { inTransaction } from '../../storage/transaction.ts';
import type { ServiceDeps } from '../deps.ts';
import { toApplicationDto, toUserDto } from '../mappers.ts';
import { announceOrganizations, recordOrganizationEvent } from './announce.ts';
import { requireOrganization, resolveOrganizationRoles } from './guards.ts';
import { groupRoleEntities, toOrganizationDto, toOrganizationScopeDto } from './mappers.ts';

export type { MemberKind };

const label = (kind: MemberKind) => (kind === 'user' ? 'User' : 'Application');
const idsField = (kind: MemberKind) => (kind === 'user' ? 'userIds' : 'applicationIds');

export interface RoleSelection {
  organizationRoleIds?: string[];
  organizationRoleNames?: string[];
}

/** Every named candidate exists (400 naming each missing one); apps must be machine-to-machine (422). */
async function requireCandidates(db: Db, kind: MemberKind, ids: readonly string[], field = idsField(kind)): Promise<void> {
  const found = new Map((await members.findMemberCandidates(db, kind, ids)).map((c) => [c.id, c.type]));
  const missing = ids.map((id, i) => ({ id, i })).filter(({ id }) => !found.has(id));
  if (missing.length > 0) {
    throw new ValidationError(
      `Some ${kind}s do not exist.`,
      missing.map(({ id, i }) => ({ path: `${field}.${i}`, message: `${kind} ${id} does not exist` })),
    );
  }
  const wrong = ids.filter((id) => kind === 'application' && found.get(id) !== 'MachineToMachine');
  if (wrong.length > 0) {
    throw new UnprocessableError(`Only machine-to-machine applications can be organization members: ${wrong.join(', ')}.`);
  }
}

/** Users hold User organization roles, applications MachineToMachine ones (Logto's check constraint). */
function assertRoleTypes(kind: MemberKind, roles: readonly OrganizationRoleRow[]): void {
  const type = roleTypeFor(kind);
  const wrong = roles.filter((r) => r.type !== type);
  if (wrong.length > 0) {
    throw new UnprocessableError(
      `${label(kind)}s can hold only ${type} organization roles; ${wrong.map((r) => r.name).join(', ')} ${wrong.length === 1 ? 'is' : 'are'} not.`,
    );
  }
}

async function requireMembership(db: Db, kind: MemberKind, organizationId: string, memberId: string): Promise<void> {
  await requireOrganization(db, organizationId);
  const [found] = await members.listMemberIds(db, kind, organizationId, [memberId]);
  if (!found) throw new UnprocessableError(`${label(kind)} ${memberId} is not a member of organization ${organizationId}.`);
}

async function membershipChanged(trx: Db, kind: MemberKind, organizationId: string, added: string[], removed: string[]): Promise<void> {
  const [addedKey, removedKey] = kind === 'user' ? ['addedUserIds', 'removedUserIds'] : ['addedApplicationIds', 'removedApplicationIds'];
  await recordOrganizationEvent(trx, {
    key: 'Organization.Membership.Updated',
    data: { organizationId, ...(added.length ? { [addedKey]: added } : {}), ...(removed.length ? { [removedKey]: removed } : {}) },
  });
}

export async function listOrganizationUsers(
  deps: ServiceDeps,
  organizationId: string,
  page: Page,
  filter: MemberFilter = {},
): Promise<Paged<OrganizationUserDto>> {
  await requireOrganization(deps.db, organizationId);
  const [rows, total] = await Promise.all([
    members.listUserMembers(deps.db, organizationId, page, filter),
    members.countUserMembers(deps.db, organizationId, filter),
  ]);
  const roles = groupRoleEntities(
    await members.listRolesOfMembers(
      deps.db,
      'user',
      organizationId,
      rows.map((r) => r.id),
    ),
    'memberId',
  );
  return { items: rows.map((row) => ({ ...toUserDto(row), organizationRoles: roles.get(row.id) ?? [] })), total };
}

export async function listOrganizationApplications(
  deps: ServiceDeps,
  organizationId: string,
  page: Page,
  filter: MemberFilter = {},
): Promise<Paged<OrganizationApplicationDto>> {
  await requireOrganization(deps.db, organizationId);
  const [rows, total] = await Promise.all([
    members.listApplicationMembers(deps.db, organizationId, page, filter),
    members.countApplicationMembers(deps.db, organizationId, filter),
  ]);
  const roles = groupRoleEntities(
    await members.listRolesOfMembers(
      deps.db,
      'application',
      organizationId,
      rows.map((r) => r.id),
    ),
    'memberId',
  );
  return { items: rows.map((row) => ({ ...toApplicationDto(row), organizationRoles: roles.get(row.id) ?? [] })), total };
}

/** POST adds (members already in stay as they are); PUT replaces the member list. */
export async function setOrganizationMembers(
  deps: ServiceDeps,
  kind: MemberKind,
  organizationId: string,
  memberIds: readonly string[],
  mode: 'add' | 'replace',
): Promise<void> {
  const ids = [...new Set(memberIds)];
  await inTransaction(deps.db, async (trx) => {
    await requireOrganization(trx, organizationId);
    await requireCandidates(trx, kind, ids);
    const current = await members.listMemberIds(trx, kind, organizationId);
    const added = ids.filter((id) => !current.includes(id));
    const removed = mode === 'replace' ? current.filter((id) => !ids.includes(id)) : [];
    await members.deleteMembers(trx, kind, organizationId, removed);
    await members.insertMembers(trx, kind, organizationId, added);
    if (added.length > 0 || removed.length > 0) await membershipChanged(trx, kind, organizationId, added, removed);
  });
  await announceOrganizations(deps);
}

/** The member's roles in this organization go with the membership (cascade), in one statement. */
export async function removeOrganizationMember(
  deps: ServiceDeps,
  kind: MemberKind,
  organizationId: string,
  memberId: string,
): Promise<void> {
  await inTransaction(deps.db, async (trx) => {
    await requireOrganization(trx, organizationId);
    if ((await members.deleteMembers(trx, kind, organizationId, [memberId])) === 0) {
      throw new NotFoundError(`${label(kind)} ${memberId} is not a member of organization ${organizationId}.`);
    }
    await membershipChanged(trx, kind, organizationId, [], [memberId]);
  });
  await announceOrganizations(deps);
}

export async function listMemberRoles(
  deps: ServiceDeps,
  kind: MemberKind,
  organizationId: string,
  memberId: string,
): Promise<OrganizationRoleDto[]> {
  await requireMembership(deps.db, kind, organizationId, memberId);
  const rows = await members.listRolesOfMembers(deps.db, kind, organizationId, [memberId]);
  return rows.map(({ id, name, description, type }) => ({ id, name, description, type: type as RoleType }));
}

/** POST adds roles, PUT replaces them; both accept ids and names. Returns the ids named. */
export async function setMemberRoles(
  deps: ServiceDeps,
  kind: MemberKind,
  organizationId: string,
  memberId: string,
  selection: RoleSelection,
  mode: 'add' | 'replace',
): Promise<string[]> {
  const roleIds = await inTransaction(deps.db, async (trx) => {
    await requireMembership(trx, kind, organizationId, memberId);
    const roles = await resolveOrganizationRoles(trx, selection);
    assertRoleTypes(kind, roles);
    if (mode === 'replace') await members.deleteMemberRoles(trx, kind, organizationId, memberId);
    const ids = roles.map((r) => r.id);
    await members.insertMemberRoles(trx, kind, organizationId, memberId, ids);
    return ids;
  });
  await announceOrganizations(deps);
  return roleIds;
}

/** `POST /organizations/:id/users/roles`: every named member gets every named role, or none does. */
export async function assignRolesToMembers(
  deps: ServiceDeps,
  kind: MemberKind,
  organizationId: string,
  memberIds: readonly string[],
  roleIds: readonly string[],
): Promise<void> {
  const ids = [...new Set(memberIds)];
  await inTransaction(deps.db, async (trx) => {
    await requireOrganization(trx, organizationId);
    const current = new Set(await members.listMemberIds(trx, kind, organizationId, ids));
    const outsiders = ids.filter((id) => !current.has(id));
    if (outsiders.length > 0) {
      throw new UnprocessableError(`Not members of organization ${organizationId}: ${outsiders.join(', ')}.`);
    }
    const roles = await resolveOrganizationRoles(trx, { organizationRoleIds: [...roleIds] });
    assertRoleTypes(kind, roles);
    for (const id of ids) {
      await members.insertMemberRoles(
        trx,
        kind,
        organizationId,
        id,
        roles.map((r) => r.id),
      );
    }
  });
  await announceOrganizations(deps);
}

export async function removeMemberRole(
  deps: ServiceDeps,
  kind: MemberKind,
  organizationId: string,
  memberId: string,
  roleId: string,
): Promise<void> {
  await inTransaction(deps.db, async (trx) => {
    await requireMembership(trx, kind, organizationId, memberId);
    if ((await members.deleteMemberRoles(trx, kind, organizationId, memberId, roleId)) === 0) {
      throw new NotFoundError(`${label(kind)} ${memberId} does not hold organization role ${roleId} in organization ${organizationId}.`);
    }
  });
  await announceOrganizations(deps);
}

/** The organization scopes a user's roles grant in one organization. */
export async function listUserOrganizationScopes(
  deps: ServiceDeps,
  organizationId: string,
  userId: string,
): Promise<OrganizationScopeDto[]> {
  await requireMembership(deps.db, 'user', organizationId, userId);
  return (await members.listScopesOfUserInOrganization(deps.db, organizationId, userId)).map(toOrganizationScopeDto);
}

/** `GET /users/:id/organizations`: every organization of a user, with the user's roles in each. */
export async function listUserOrganizations(deps: ServiceDeps, userId: string): Promise<OrganizationWithRolesDto[]> {
  if (!(await findUserById(deps.db, userId))) throw new NotFoundError(`User ${userId} does not exist.`);
  const [orgs, roles] = await Promise.all([
    members.listOrganizationsOfUser(deps.db, userId),
    members.listOrganizationRolesOfUser(deps.db, userId),
  ]);
  const byOrg = groupRoleEntities(roles, 'organizationId');
  return orgs.map((row) => ({ ...toOrganizationDto(row), organizationRoles: byOrg.get(row.id) ?? [] }));
}

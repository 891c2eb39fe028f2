import type { Db } from '../db.ts';
import type { ApplicationRow, OrganizationRow, OrganizationScopeRow, UserRow } from '../schema.ts';
import type { Page } from './pagination.ts';

/** Who can be a member of an organization: users, and machine-to-machine applications. */
export type MemberKind = 'user' | 'application';

export interface MemberFilter {
  search?: string;
  /** Only members holding this organization role. */
  organizationRoleId?: string;
}

function userMembers(db: Db, organizationId: string, filter: MemberFilter) {
  let q = db
    .selectFrom('organizationUserRelations as m')
    .innerJoin('users', 'users.id', 'm.userId')
    .where('m.organizationId', '=', organizationId);
  const { search, organizationRoleId } = filter;
  if (search) {
    const like = `%${search}%`;
    q = q.where((eb) =>
      eb.or([
        eb('users.username', 'like', like),
        eb('users.primaryEmail', 'like', like),
        eb('users.name', 'like', like),
        eb('users.id', '=', search),
      ]),
    );
  }
  if (organizationRoleId) {
    q = q.where((eb) =>
      eb.exists(
        eb
          .selectFrom('organizationRoleUserRelations as r')
          .select('r.userId')
          .whereRef('r.organizationId', '=', 'm.organizationId')
          .whereRef('r.userId', '=', 'm.userId')
          .where('r.organizationRoleId', '=', organizationRoleId),
      ),
    );
  }
  return q;
}

function applicationMembers(db: Db, organizationId: string, filter: MemberFilter) {
  let q = db
    .selectFrom('organizationApplicationRelations as m')
    .innerJoin('applications', 'applications.id', 'm.applicationId')
    .where('m.organizationId', '=', organizationId);
  const { search } = filter;
  if (search) q = q.where((eb) => eb.or([eb('applications.name', 'like', `%${search}%`), eb('applications.id', '=', search)]));
  return q;
}

export function listUserMembers(db: Db, organizationId: string, page: Page, filter: MemberFilter = {}): Promise<UserRow[]> {
  return userMembers(db, organizationId, filter)
    .selectAll('users')
    .orderBy('users.createdAt')
    .orderBy('users.id')
    .limit(page.limit)
    .offset(page.offset)
    .execute();
}

export async function countUserMembers(db: Db, organizationId: string, filter: MemberFilter = {}): Promise<number> {
  const row = await userMembers(db, organizationId, filter)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export function listApplicationMembers(db: Db, organizationId: string, page: Page, filter: MemberFilter = {}): Promise<ApplicationRow[]> {
  return applicationMembers(db, organizationId, filter)
    .selectAll('applications')
    .orderBy('applications.createdAt')
    .orderBy('applications.id')
    .limit(page.limit)
    .offset(page.offset)
    .execute();
}

export async function countApplicationMembers(db: Db, organizationId: string, filter: MemberFilter = {}): Promise<number> {
  const row = await applicationMembers(db, organizationId, filter)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** The ids among `ids` (all of them when omitted) that are members of the organization. */
export async function listMemberIds(db: Db, kind: MemberKind, organizationId: string, ids?: readonly string[]): Promise<string[]> {
  if (ids?.length === 0) return [];
  if (kind === 'user') {
    let q = db.selectFrom('organizationUserRelations').select('userId as id').where('organizationId', '=', organizationId);
    if (ids) q = q.where('userId', 'in', [...ids]);
    return (await q.execute()).map((r) => r.id);
  }
  let q = db.selectFrom('organizationApplicationRelations').select('applicationId as id').where('organizationId', '=', organizationId);
  if (ids) q = q.where('applicationId', 'in', [...ids]);
  return (await q.execute()).map((r) => r.id);
}

export async function insertMembers(db: Db, kind: MemberKind, organizationId: string, ids: readonly string[]): Promise<void> {
  if (ids.length === 0) return;
  if (kind === 'user') {
    await db
      .insertInto('organizationUserRelations')
      .values(ids.map((userId) => ({ organizationId, userId })))
      .onConflict((oc) => oc.doNothing())
      .execute();
  } else {
    await db
      .insertInto('organizationApplicationRelations')
      .values(ids.map((applicationId) => ({ organizationId, applicationId })))
      .onConflict((oc) => oc.doNothing())
      .execute();
  }
}

/** Removes memberships (and, by cascade, the roles held with them). */
export async function deleteMembers(db: Db, kind: MemberKind, organizationId: string, ids: readonly string[]): Promise<number> {
  if (ids.length === 0) return 0;
  const r =
    kind === 'user'
      ? await db
          .deleteFrom('organizationUserRelations')
          .where('organizationId', '=', organizationId)
          .where('userId', 'in', [...ids])
          .executeTakeFirst()
      : await db
          .deleteFrom('organizationApplicationRelations')
          .where('organizationId', '=', organizationId)
          .where('applicationId', 'in', [...ids])
          .executeTakeFirst();
  return Number(r.numDeletedRows);
}

export interface MemberRoleRow {
  memberId: string;
  id: string;
  name: string;
  description: string | null;
  type: string;
}

/** The organization roles the given members hold in the organization. */
export function listRolesOfMembers(
  db: Db,
  kind: MemberKind,
  organizationId: string,
  memberIds: readonly string[],
): Promise<MemberRoleRow[]> {
  if (memberIds.length === 0) return Promise.resolve([]);
  const base =
    kind === 'user'
      ? db
          .selectFrom('organizationRoleUserRelations as h')
          .select('h.userId as memberId')
          .where('h.userId', 'in', [...memberIds])
      : db
          .selectFrom('organizationRoleApplicationRelations as h')
          .select('h.applicationId as memberId')
          .where('h.applicationId', 'in', [...memberIds]);
  return base
    .innerJoin('organizationRoles as r', 'r.id', 'h.organizationRoleId')
    .select(['r.id', 'r.name', 'r.description', 'r.type'])
    .where('h.organizationId', '=', organizationId)
    .orderBy('r.createdAt')
    .orderBy('r.id')
    .execute();
}

export async function insertMemberRoles(
  db: Db,
  kind: MemberKind,
  organizationId: string,
  memberId: string,
  roleIds: readonly string[],
): Promise<void> {
  if (roleIds.length === 0) return;
  if (kind === 'user') {
    await db
      .insertInto('organizationRoleUserRelations')
      .values(roleIds.map((organizationRoleId) => ({ organizationId, userId: memberId, organizationRoleId })))
      .onConflict((oc) => oc.doNothing())
      .execute();
  } else {
    await db
      .insertInto('organizationRoleApplicationRelations')
      .values(roleIds.map((organizationRoleId) => ({ organizationId, applicationId: memberId, organizationRoleId })))
      .onConflict((oc) => oc.doNothing())
      .execute();
  }
}

/** Removes one role (or, without `roleId`, every role) a member holds in the organization. */
export async function deleteMemberRoles(
  db: Db,
  kind: MemberKind,
  organizationId: string,
  memberId: string,
  roleId?: string,
): Promise<number> {
  if (kind === 'user') {
    let q = db.deleteFrom('organizationRoleUserRelations').where('organizationId', '=', organizationId).where('userId', '=', memberId);
    if (roleId) q = q.where('organizationRoleId', '=', roleId);
    return Number((await q.executeTakeFirst()).numDeletedRows);
  }
  let q = db
    .deleteFrom('organizationRoleApplicationRelations')
    .where('organizationId', '=', organizationId)
    .where('applicationId', '=', memberId);
  if (roleId) q = q.where('organizationRoleId', '=', roleId);
  return Number((await q.executeTakeFirst()).numDeletedRows);
}

/** The organization scopes a user's roles grant in one organization. */
export function listScopesOfUserInOrganization(db: Db, organizationId: string, userId: string): Promise<OrganizationScopeRow[]> {
  return db
    .selectFrom('organizationScopes as s')
    .selectAll('s')
    .where('s.id', 'in', (eb) =>
      eb
        .selectFrom('organizationRoleUserRelations as h')
        .innerJoin('organizationRoles as r', 'r.id', 'h.organizationRoleId')
        .innerJoin('organizationRoleScopes as rs', 'rs.organizationRoleId', 'h.organizationRoleId')
        .select('rs.organizationScopeId')
        .where('h.organizationId', '=', organizationId)
        .where('h.userId', '=', userId)
        .where('r.type', '=', 'User'),
    )
    .orderBy('s.createdAt')
    .orderBy('s.id')
    .execute();
}

export function listOrganizationsOfUser(db: Db, userId: string): Promise<OrganizationRow[]> {
  return db
    .selectFrom('organizationUserRelations as m')
    .innerJoin('organizations as o', 'o.id', 'm.organizationId')
    .selectAll('o')
    .where('m.userId', '=', userId)
    .orderBy('o.createdAt')
    .orderBy('o.id')
    .execute();
}

/** Every organization role a user holds, in every organization. */
export function listOrganizationRolesOfUser(db: Db, userId: string): Promise<Array<{ organizationId: string; id: string; name: string }>> {
  return db
    .selectFrom('organizationRoleUserRelations as h')
    .innerJoin('organizationRoles as r', 'r.id', 'h.organizationRoleId')
    .select(['h.organizationId', 'r.id', 'r.name'])
    .where('h.userId', '=', userId)
    .orderBy('r.createdAt')
    .orderBy('r.id')
    .execute();
}

/** The candidates a membership request names that exist, with their application type (null for users). */
export async function findMemberCandidates(
  db: Db,
  kind: MemberKind,
  ids: readonly string[],
): Promise<Array<{ id: string; type: string | null }>> {
  if (ids.length === 0) return [];
  if (kind === 'user') {
    const rows = await db
      .selectFrom('users')
      .select('id')
      .where('id', 'in', [...ids])
      .execute();
    return rows.map((r) => ({ id: r.id, type: null }));
  }
  return db
    .selectFrom('applications')
    .select(['id', 'type'])
    .where('id', 'in', [...ids])
    .execute();
}

/** Whether a user with this (lowercased) email is already a member of the organization. */
export async function isEmailMember(db: Db, organizationId: string, email: string): Promise<boolean> {
  const row = await db
    .selectFrom('organizationUserRelations as m')
    .innerJoin('users', 'users.id', 'm.userId')
    .select('m.userId')
    .where('m.organizationId', '=', organizationId)
    .where('users.primaryEmail', '=', email)
    .executeTakeFirst();
  return row !== undefined;
}

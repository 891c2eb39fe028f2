import type { RoleScopeFact } from '../../domain/rbac/role-scopes.ts';
import type { Db } from '../db.ts';
import type { ApplicationRow, RoleRow, UserRow } from '../schema.ts';
import type { Page } from './pagination.ts';

export type Holder = { kind: 'user'; id: string } | { kind: 'application'; id: string };

/** One row per (role, scope) a holder has; roles without scopes come with null scope fields. */
export type RoleScopeRow = RoleScopeFact;

export function listRoleScopeRowsOfHolder(db: Db, holder: Holder): Promise<RoleScopeRow[]> {
  const base =
    holder.kind === 'user'
      ? db.selectFrom('usersRoles as h').where('h.userId', '=', holder.id)
      : db.selectFrom('applicationsRoles as h').where('h.applicationId', '=', holder.id);
  return base
    .innerJoin('roles', 'roles.id', 'h.roleId')
    .leftJoin('rolesScopes', 'rolesScopes.roleId', 'roles.id')
    .leftJoin('scopes', 'scopes.id', 'rolesScopes.scopeId')
    .leftJoin('resources', 'resources.id', 'scopes.resourceId')
    .select([
      'roles.id as roleId',
      'roles.name as roleName',
      'roles.description as roleDescription',
      'roles.type as roleType',
      'scopes.id as scopeId',
      'scopes.name as scopeName',
      'scopes.description as scopeDescription',
      'resources.id as resourceId',
      'resources.name as resourceName',
      'resources.indicator as resourceIndicator',
    ])
    .orderBy('roles.createdAt')
    .orderBy('roles.id')
    .orderBy('scopes.createdAt')
    .execute();
}

export function listRolesOfUser(db: Db, userId: string): Promise<RoleRow[]> {
  return db
    .selectFrom('usersRoles')
    .innerJoin('roles', 'roles.id', 'usersRoles.roleId')
    .selectAll('roles')
    .where('usersRoles.userId', '=', userId)
    .orderBy('roles.createdAt')
    .execute();
}

export function listRolesOfApplication(db: Db, applicationId: string): Promise<RoleRow[]> {
  return db
    .selectFrom('applicationsRoles')
    .innerJoin('roles', 'roles.id', 'applicationsRoles.roleId')
    .selectAll('roles')
    .where('applicationsRoles.applicationId', '=', applicationId)
    .orderBy('roles.createdAt')
    .execute();
}

/** Some user holding the role, if any (whether an admin exists yet). */
export async function findUserIdWithRole(db: Db, roleId: string): Promise<string | undefined> {
  const row = await db.selectFrom('usersRoles').select('userId').where('roleId', '=', roleId).executeTakeFirst();
  return row?.userId;
}

export async function insertUserRoles(db: Db, userId: string, roleIds: readonly string[]): Promise<void> {
  if (roleIds.length === 0) return;
  await db
    .insertInto('usersRoles')
    .values(roleIds.map((roleId) => ({ userId, roleId })))
    .execute();
}

export async function deleteUserRole(db: Db, userId: string, roleId: string): Promise<number> {
  const r = await db.deleteFrom('usersRoles').where('userId', '=', userId).where('roleId', '=', roleId).executeTakeFirst();
  return Number(r.numDeletedRows);
}

export async function insertApplicationRoles(db: Db, applicationId: string, roleIds: readonly string[]): Promise<void> {
  if (roleIds.length === 0) return;
  await db
    .insertInto('applicationsRoles')
    .values(roleIds.map((roleId) => ({ applicationId, roleId })))
    .execute();
}

export async function deleteApplicationRole(db: Db, applicationId: string, roleId: string): Promise<number> {
  const r = await db
    .deleteFrom('applicationsRoles')
    .where('applicationId', '=', applicationId)
    .where('roleId', '=', roleId)
    .executeTakeFirst();
  return Number(r.numDeletedRows);
}

export function listUsersOfRole(db: Db, roleId: string, page: Page): Promise<UserRow[]> {
  return db
    .selectFrom('usersRoles')
    .innerJoin('users', 'users.id', 'usersRoles.userId')
    .selectAll('users')
    .where('usersRoles.roleId', '=', roleId)
    .orderBy('users.createdAt')
    .limit(page.limit)
    .offset(page.offset)
    .execute();
}

export async function countUsersOfRole(db: Db, roleId: string): Promise<number> {
  const row = await db
    .selectFrom('usersRoles')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('roleId', '=', roleId)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export function listApplicationsOfRole(db: Db, roleId: string, page: Page): Promise<ApplicationRow[]> {
  return db
    .selectFrom('applicationsRoles')
    .innerJoin('applications', 'applications.id', 'applicationsRoles.applicationId')
    .selectAll('applications')
    .where('applicationsRoles.roleId', '=', roleId)
    .orderBy('applications.createdAt')
    .limit(page.limit)
    .offset(page.offset)
    .execute();
}

export async function countApplicationsOfRole(db: Db, roleId: string): Promise<number> {
  const row = await db
    .selectFrom('applicationsRoles')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('roleId', '=', roleId)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

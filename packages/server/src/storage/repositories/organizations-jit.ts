import type { Db } from '../db.ts';
import type { OrganizationRoleRow } from '../schema.ts';

export function listJitEmailDomains(db: Db, organizationId: string): Promise<string[]> {
  return db
    .selectFrom('organizationJitEmailDomains')
    .select('emailDomain')
    .where('organizationId', '=', organizationId)
    .orderBy('emailDomain')
    .execute()
    .then((rows) => rows.map((r) => r.emailDomain));
}

export async function insertJitEmailDomains(db: Db, organizationId: string, domains: readonly string[]): Promise<void> {
  if (domains.length === 0) return;
  await db
    .insertInto('organizationJitEmailDomains')
    .values(domains.map((emailDomain) => ({ organizationId, emailDomain })))
    .onConflict((oc) => oc.doNothing())
    .execute();
}

/** Removes one domain, or every domain when `domain` is omitted. */
export async function deleteJitEmailDomains(db: Db, organizationId: string, domain?: string): Promise<number> {
  let q = db.deleteFrom('organizationJitEmailDomains').where('organizationId', '=', organizationId);
  if (domain !== undefined) q = q.where('emailDomain', '=', domain);
  return Number((await q.executeTakeFirst()).numDeletedRows);
}

export function listJitRoles(db: Db, organizationId: string): Promise<OrganizationRoleRow[]> {
  return db
    .selectFrom('organizationJitRoles as j')
    .innerJoin('organizationRoles as r', 'r.id', 'j.organizationRoleId')
    .selectAll('r')
    .where('j.organizationId', '=', organizationId)
    .orderBy('r.createdAt')
    .orderBy('r.id')
    .execute();
}

export async function insertJitRoles(db: Db, organizationId: string, roleIds: readonly string[]): Promise<void> {
  if (roleIds.length === 0) return;
  await db
    .insertInto('organizationJitRoles')
    .values(roleIds.map((organizationRoleId) => ({ organizationId, organizationRoleId })))
    .onConflict((oc) => oc.doNothing())
    .execute();
}

/** Removes one JIT role, or every one when `roleId` is omitted. */
export async function deleteJitRoles(db: Db, organizationId: string, roleId?: string): Promise<number> {
  let q = db.deleteFrom('organizationJitRoles').where('organizationId', '=', organizationId);
  if (roleId !== undefined) q = q.where('organizationRoleId', '=', roleId);
  return Number((await q.executeTakeFirst()).numDeletedRows);
}

/**
 * The organizations whose JIT rules match an email domain, each with the roles its JIT grants
 * (a null role id: the organization has the domain but no JIT roles).
 */
export function listJitRulesForDomain(
  db: Db,
  emailDomain: string,
): Promise<Array<{ organizationId: string; organizationRoleId: string | null }>> {
  return db
    .selectFrom('organizationJitEmailDomains as d')
    .leftJoin('organizationJitRoles as j', 'j.organizationId', 'd.organizationId')
    .select(['d.organizationId', 'j.organizationRoleId'])
    .where('d.emailDomain', '=', emailDomain)
    .execute();
}

import { NotFoundError, ValidationError } from '../../domain/errors.ts';
import type { Db } from '../../storage/db.ts';
import { findOrganizationById } from '../../storage/repositories/organizations.ts';
import {
  findOrganizationRoleById,
  findOrganizationRolesByIds,
  findOrganizationRolesByNames,
} from '../../storage/repositories/organizations-roles.ts';
import { findOrganizationScopesByIds } from '../../storage/repositories/organizations-scopes.ts';
import { findScopesByIds } from '../../storage/repositories/resources.ts';
import type { OrganizationRoleRow, OrganizationRow } from '../../storage/schema.ts';

export async function requireOrganization(db: Db, id: string): Promise<OrganizationRow> {
  const row = await findOrganizationById(db, id);
  if (!row) throw new NotFoundError(`Organization ${id} does not exist.`);
  return row;
}

export async function requireOrganizationRole(db: Db, id: string): Promise<OrganizationRoleRow> {
  const row = await findOrganizationRoleById(db, id);
  if (!row) throw new NotFoundError(`Organization role ${id} does not exist.`);
  return row;
}

/** 400 naming each id that does not exist, by its index in the request field. */
function missingIds(field: string, what: string, ids: readonly string[], found: ReadonlySet<string>): void {
  const missing = ids.map((id, i) => ({ id, i })).filter(({ id }) => !found.has(id));
  if (missing.length > 0) {
    throw new ValidationError(
      `Some ${what}s do not exist.`,
      missing.map(({ id, i }) => ({ path: `${field}.${i}`, message: `${what} ${id} does not exist` })),
    );
  }
}

export async function requireOrganizationScopeIds(db: Db, ids: readonly string[], field = 'organizationScopeIds'): Promise<void> {
  const found = new Set((await findOrganizationScopesByIds(db, ids)).map((s) => s.id));
  missingIds(field, 'organization scope', ids, found);
}

export async function requireResourceScopeIds(db: Db, ids: readonly string[], field: string): Promise<void> {
  const found = new Set((await findScopesByIds(db, ids)).map((s) => s.id));
  missingIds(field, 'scope', ids, found);
}

export async function requireOrganizationRoleIds(
  db: Db,
  ids: readonly string[],
  field = 'organizationRoleIds',
): Promise<OrganizationRoleRow[]> {
  const roles = await findOrganizationRolesByIds(db, ids);
  missingIds(field, 'organization role', ids, new Set(roles.map((r) => r.id)));
  return roles;
}

/**
 * Resolves `organizationRoleIds` and `organizationRoleNames` (Logto accepts either or both) to
 * the distinct roles they name; unknown ids or names are a 400 naming each.
 */
export async function resolveOrganizationRoles(
  db: Db,
  input: { organizationRoleIds?: readonly string[]; organizationRoleNames?: readonly string[] },
): Promise<OrganizationRoleRow[]> {
  const ids = [...new Set(input.organizationRoleIds ?? [])];
  const names = [...new Set(input.organizationRoleNames ?? [])];
  const byId = await requireOrganizationRoleIds(db, ids);
  const byName = await findOrganizationRolesByNames(db, names);
  missingIds('organizationRoleNames', 'organization role named', names, new Set(byName.map((r) => r.name)));
  const roles = new Map<string, OrganizationRoleRow>();
  for (const role of [...byId, ...byName]) roles.set(role.id, role);
  return [...roles.values()];
}

import type { OrganizationRoleDto, OrganizationRoleWithScopesDto, OrganizationScopeDto, RoleType, ScopeDto } from '@gatehouse/client/dto';
import { ConflictError, NotFoundError } from '../../domain/errors.ts';
import type { Db } from '../../storage/db.ts';
import { newId } from '../../storage/ids.ts';
import type { Page, Paged } from '../../storage/repositories/pagination.ts';
import * as repo from '../../storage/repositories/organizations-roles.ts';
import { inTransaction } from '../../storage/transaction.ts';
import type { ServiceDeps } from '../deps.ts';
import { toScopeDto } from '../mappers.ts';
import { announceOrganizations, recordOrganizationEvent } from './announce.ts';
import { requireOrganizationRole, requireOrganizationScopeIds, requireResourceScopeIds } from './guards.ts';
import { toOrganizationRoleDto, toOrganizationScopeDto } from './mappers.ts';

export interface OrganizationRoleInput {
  name: string;
  description?: string | null;
  type?: RoleType;
  organizationScopeIds?: string[];
  resourceScopeIds?: string[];
}

async function refuseTakenName(db: Db, name: string, exceptId?: string): Promise<void> {
  const taken = await repo.findOrganizationRoleByName(db, name);
  if (taken && taken.id !== exceptId) throw new ConflictError(`An organization role named "${name}" already exists.`);
}

/** Logto's list shape: each role with the organization and resource scopes it grants. */
export async function listOrganizationRoles(
  deps: ServiceDeps,
  page: Page,
  filter: { search?: string; type?: RoleType } = {},
): Promise<Paged<OrganizationRoleWithScopesDto>> {
  const [rows, total] = await Promise.all([
    repo.listOrganizationRoles(deps.db, page, filter),
    repo.countOrganizationRoles(deps.db, filter),
  ]);
  const ids = rows.map((r) => r.id);
  const [scopes, resourceScopes] = await Promise.all([
    repo.listScopesOfOrganizationRoles(deps.db, ids),
    repo.listResourceScopesOfOrganizationRoles(deps.db, ids),
  ]);
  const items = rows.map((row) => ({
    ...toOrganizationRoleDto(row),
    scopes: scopes.filter((s) => s.organizationRoleId === row.id).map(({ id, name }) => ({ id, name })),
    resourceScopes: resourceScopes
      .filter((s) => s.organizationRoleId === row.id)
      .map(({ id, name, resourceId, resourceName }) => ({ id, name, resource: { id: resourceId, name: resourceName } })),
  }));
  return { items, total };
}

export async function getOrganizationRole(deps: ServiceDeps, id: string): Promise<OrganizationRoleDto> {
  return toOrganizationRoleDto(await requireOrganizationRole(deps.db, id));
}

export async function createOrganizationRole(deps: ServiceDeps, input: OrganizationRoleInput): Promise<OrganizationRoleDto> {
  const id = newId();
  const scopeIds = [...new Set(input.organizationScopeIds ?? [])];
  const resourceScopeIds = [...new Set(input.resourceScopeIds ?? [])];
  const row = await inTransaction(deps.db, async (trx) => {
    await refuseTakenName(trx, input.name);
    await requireOrganizationScopeIds(trx, scopeIds);
    await requireResourceScopeIds(trx, resourceScopeIds, 'resourceScopeIds');
    await repo.insertOrganizationRole(trx, {
      id,
      name: input.name,
      description: input.description ?? null,
      type: input.type ?? 'User',
      createdAt: Date.now(),
    });
    await repo.insertOrganizationRoleScopes(trx, id, scopeIds);
    await repo.insertOrganizationRoleResourceScopes(trx, id, resourceScopeIds);
    const created = await requireOrganizationRole(trx, id);
    await recordOrganizationEvent(trx, { key: 'OrganizationRole.Created', data: toOrganizationRoleDto(created) });
    return created;
  });
  await announceOrganizations(deps);
  return toOrganizationRoleDto(row);
}

export async function updateOrganizationRole(
  deps: ServiceDeps,
  id: string,
  patch: { name?: string; description?: string | null },
): Promise<OrganizationRoleDto> {
  const row = await inTransaction(deps.db, async (trx) => {
    await requireOrganizationRole(trx, id);
    if (patch.name !== undefined) await refuseTakenName(trx, patch.name, id);
    await repo.updateOrganizationRole(trx, id, patch);
    const updated = await requireOrganizationRole(trx, id);
    await recordOrganizationEvent(trx, { key: 'OrganizationRole.Data.Updated', data: toOrganizationRoleDto(updated) });
    return updated;
  });
  await announceOrganizations(deps);
  return toOrganizationRoleDto(row);
}

/** Every holder in every organization, invitation and JIT rule loses it in one statement. */
export async function deleteOrganizationRole(deps: ServiceDeps, id: string): Promise<void> {
  await inTransaction(deps.db, async (trx) => {
    if ((await repo.deleteOrganizationRole(trx, id)) === 0) throw new NotFoundError(`Organization role ${id} does not exist.`);
    await recordOrganizationEvent(trx, { key: 'OrganizationRole.Deleted', data: { id } });
  });
  await announceOrganizations(deps);
}

// Organization scopes of a role: GET lists, POST adds, PUT replaces, DELETE removes one.

export async function listOrganizationRoleScopes(deps: ServiceDeps, roleId: string): Promise<OrganizationScopeDto[]> {
  await requireOrganizationRole(deps.db, roleId);
  return (await repo.listScopesOfOrganizationRole(deps.db, roleId)).map(toOrganizationScopeDto);
}

export async function setOrganizationRoleScopes(
  deps: ServiceDeps,
  roleId: string,
  scopeIds: readonly string[],
  mode: 'add' | 'replace',
): Promise<void> {
  const ids = [...new Set(scopeIds)];
  await inTransaction(deps.db, async (trx) => {
    await requireOrganizationRole(trx, roleId);
    await requireOrganizationScopeIds(trx, ids);
    if (mode === 'replace') await repo.deleteOrganizationRoleScopes(trx, roleId);
    await repo.insertOrganizationRoleScopes(trx, roleId, ids);
    await recordOrganizationEvent(trx, { key: 'OrganizationRole.Scopes.Updated', data: { organizationRoleId: roleId } });
  });
  await announceOrganizations(deps);
}

export async function removeOrganizationRoleScope(deps: ServiceDeps, roleId: string, scopeId: string): Promise<void> {
  await inTransaction(deps.db, async (trx) => {
    await requireOrganizationRole(trx, roleId);
    if ((await repo.deleteOrganizationRoleScope(trx, roleId, scopeId)) === 0) {
      throw new NotFoundError(`Organization role ${roleId} does not grant organization scope ${scopeId}.`);
    }
    await recordOrganizationEvent(trx, { key: 'OrganizationRole.Scopes.Updated', data: { organizationRoleId: roleId } });
  });
  await announceOrganizations(deps);
}

// API-resource scopes a role grants inside an organization.

export async function listOrganizationRoleResourceScopes(deps: ServiceDeps, roleId: string): Promise<ScopeDto[]> {
  await requireOrganizationRole(deps.db, roleId);
  return (await repo.listResourceScopesOfOrganizationRole(deps.db, roleId)).map(toScopeDto);
}

export async function setOrganizationRoleResourceScopes(
  deps: ServiceDeps,
  roleId: string,
  scopeIds: readonly string[],
  mode: 'add' | 'replace',
): Promise<void> {
  const ids = [...new Set(scopeIds)];
  await inTransaction(deps.db, async (trx) => {
    await requireOrganizationRole(trx, roleId);
    await requireResourceScopeIds(trx, ids, 'scopeIds');
    if (mode === 'replace') await repo.deleteOrganizationRoleResourceScopes(trx, roleId);
    await repo.insertOrganizationRoleResourceScopes(trx, roleId, ids);
    await recordOrganizationEvent(trx, { key: 'OrganizationRole.Scopes.Updated', data: { organizationRoleId: roleId } });
  });
  await announceOrganizations(deps);
}

export async function removeOrganizationRoleResourceScope(deps: ServiceDeps, roleId: string, scopeId: string): Promise<void> {
  await inTransaction(deps.db, async (trx) => {
    await requireOrganizationRole(trx, roleId);
    if ((await repo.deleteOrganizationRoleResourceScope(trx, roleId, scopeId)) === 0) {
      throw new NotFoundError(`Organization role ${roleId} does not grant scope ${scopeId}.`);
    }
    await recordOrganizationEvent(trx, { key: 'OrganizationRole.Scopes.Updated', data: { organizationRoleId: roleId } });
  });
  await announceOrganizations(deps);
}

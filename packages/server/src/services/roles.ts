import type { ApplicationDto, RoleDto, RoleType, ScopeDto, UserDto } from '@gatehouse/client/dto';
import { NotFoundError, ProtectedEntityError, ValidationError } from '../domain/errors.ts';
import type { Db } from '../storage/db.ts';
import { newId } from '../storage/ids.ts';
import * as assignments from '../storage/repositories/assignments.ts';
import type { Page, Paged } from '../storage/repositories/pagination.ts';
import { findScopesByIds } from '../storage/repositories/resources.ts';
import * as repo from '../storage/repositories/roles.ts';
import { inTransaction } from '../storage/transaction.ts';
import type { ServiceDeps } from './deps.ts';
import { toApplicationDto, toRoleDto, toScopeDto, toUserDto } from './mappers.ts';
import { SYSTEM, type RequestFacts } from '../domain/request-facts.ts';
import { recordEvent } from './events/record-event.ts';

export interface RoleInput {
  name: string;
  description?: string | null;
  type?: RoleType;
  scopeIds?: string[];
}

export async function listRoles(deps: ServiceDeps, page: Page, filter: { search?: string; type?: RoleType } = {}): Promise<Paged<RoleDto>> {
  const [rows, total] = await Promise.all([repo.listRoles(deps.db, page, filter), repo.countRoles(deps.db, filter)]);
  return { items: rows.map(toRoleDto), total };
}

export async function getRole(deps: ServiceDeps, id: string): Promise<RoleDto> {
  return toRoleDto(await requireRole(deps.db, id));
}

async function requireRole(db: Db, id: string) {
  const row = await repo.findRoleById(db, id);
  if (!row) throw new NotFoundError(`Role ${id} does not exist.`);
  return row;
}

async function requireMutableRole(db: Db, id: string) {
  const row = await requireRole(db, id);
  if (row.isBuiltin === 1) throw new ProtectedEntityError('The built-in admin roles cannot be changed or deleted.');
  return row;
}

/** Checks that every id names an existing scope, reporting the missing ones by index. */
async function requireScopes(db: Db, scopeIds: readonly string[]): Promise<void> {
  const found = new Set((await findScopesByIds(db, scopeIds)).map((s) => s.id));
  const missing = scopeIds.map((id, i) => ({ id, i })).filter(({ id }) => !found.has(id));
  if (missing.length > 0) {
    throw new ValidationError(
      'Some scopes do not exist.',
      missing.map(({ id, i }) => ({ path: `scopeIds.${i}`, message: `scope ${id} does not exist` })),
    );
  }
}

export async function createRole(deps: ServiceDeps, input: RoleInput, facts: RequestFacts = SYSTEM): Promise<RoleDto> {
  const id = newId();
  const scopeIds = [...new Set(input.scopeIds ?? [])];
  const row = await inTransaction(deps.db, async (trx) => {
    await repo.insertRole(trx, {
      id,
      name: input.name,
      description: input.description ?? null,
      type: input.type ?? 'User',
      isBuiltin: 0,
      createdAt: Date.now(),
    });
    await requireScopes(trx, scopeIds);
    await repo.insertRoleScopes(trx, id, scopeIds);
    const created = (await repo.findRoleById(trx, id))!;
    await recordEvent(trx, { key: 'Role.Created', facts, data: toRoleDto(created), details: { roleId: id, name: input.name, scopeIds } });
    return created;
  });
  await deps.changes.publish('rbac');
  return toRoleDto(row);
}

export async function updateRole(
  deps: ServiceDeps,
  id: string,
  patch: { name?: string; description?: string | null },
  facts: RequestFacts = SYSTEM,
): Promise<RoleDto> {
  const row = await inTransaction(deps.db, async (trx) => {
    await requireMutableRole(trx, id);
    await repo.updateRole(trx, id, patch);
    const updated = (await repo.findRoleById(trx, id))!;
    await recordEvent(trx, { key: 'Role.Data.Updated', facts, data: toRoleDto(updated), details: { roleId: id, changes: patch } });
    return updated;
  });
  await deps.changes.publish('rbac');
  return toRoleDto(row);
}

export async function deleteRole(deps: ServiceDeps, id: string, facts: RequestFacts = SYSTEM): Promise<void> {
  await inTransaction(deps.db, async (trx) => {
    const role = await requireMutableRole(trx, id);
    await repo.deleteRole(trx, id);
    await recordEvent(trx, { key: 'Role.Deleted', facts, data: toRoleDto(role), details: { roleId: id, name: role.name } });
  });
  await deps.changes.publish('rbac');
}

export async function listRoleScopes(deps: ServiceDeps, roleId: string): Promise<ScopeDto[]> {
  await requireRole(deps.db, roleId);
  return (await repo.listScopesOfRole(deps.db, roleId)).map(toScopeDto);
}

export async function addRoleScopes(
  deps: ServiceDeps,
  roleId: string,
  scopeIds: string[],
  facts: RequestFacts = SYSTEM,
): Promise<ScopeDto[]> {
  const ids = [...new Set(scopeIds)];
  const scopes = await inTransaction(deps.db, async (trx) => {
    await requireMutableRole(trx, roleId);
    await requireScopes(trx, ids);
    const existing = new Set((await repo.listScopesOfRole(trx, roleId)).map((s) => s.id));
    const added = ids.filter((id) => !existing.has(id));
    await repo.insertRoleScopes(trx, roleId, added);
    const scopes = await repo.listScopesOfRole(trx, roleId);
    await recordEvent(trx, {
      key: 'Role.Scopes.Updated',
      facts,
      data: { roleId, scopes: scopes.map(toScopeDto) },
      details: { roleId, addedScopeIds: added },
    });
    return scopes;
  });
  await deps.changes.publish('rbac');
  return scopes.map(toScopeDto);
}

export async function removeRoleScope(deps: ServiceDeps, roleId: string, scopeId: string, facts: RequestFacts = SYSTEM): Promise<void> {
  await inTransaction(deps.db, async (trx) => {
    await requireMutableRole(trx, roleId);
    if ((await repo.deleteRoleScope(trx, roleId, scopeId)) === 0) {
      throw new NotFoundError(`Role ${roleId} does not hold scope ${scopeId}.`);
    }
    const scopes = await repo.listScopesOfRole(trx, roleId);
    await recordEvent(trx, {
      key: 'Role.Scopes.Updated',
      facts,
      data: { roleId, scopes: scopes.map(toScopeDto) },
      details: { roleId, removedScopeIds: [scopeId] },
    });
  });
  await deps.changes.publish('rbac');
}

export async function listRoleUsers(deps: ServiceDeps, roleId: string, page: Page): Promise<Paged<UserDto>> {
  await requireRole(deps.db, roleId);
  const [rows, total] = await Promise.all([
    assignments.listUsersOfRole(deps.db, roleId, page),
    assignments.countUsersOfRole(deps.db, roleId),
  ]);
  return { items: rows.map(toUserDto), total };
}

export async function listRoleApplications(deps: ServiceDeps, roleId: string, page: Page): Promise<Paged<ApplicationDto>> {
  await requireRole(deps.db, roleId);
  const [rows, total] = await Promise.all([
    assignments.listApplicationsOfRole(deps.db, roleId, page),
    assignments.countApplicationsOfRole(deps.db, roleId),
  ]);
  return { items: rows.map((r) => toApplicationDto(r)), total };
}

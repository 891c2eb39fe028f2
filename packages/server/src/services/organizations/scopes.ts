import type { OrganizationScopeDto } from '@gatehouse/client/dto';
import { ConflictError, NotFoundError } from '../../domain/errors.ts';
import type { Db } from '../../storage/db.ts';
import { newId } from '../../storage/ids.ts';
import type { Page, Paged } from '../../storage/repositories/pagination.ts';
import * as repo from '../../storage/repositories/organizations-scopes.ts';
import { inTransaction } from '../../storage/transaction.ts';
import type { ServiceDeps } from '../deps.ts';
import { announceOrganizations, recordOrganizationEvent } from './announce.ts';
import { toOrganizationScopeDto } from './mappers.ts';

async function requireScope(db: Db, id: string) {
  const row = await repo.findOrganizationScopeById(db, id);
  if (!row) throw new NotFoundError(`Organization scope ${id} does not exist.`);
  return row;
}

async function refuseTakenName(db: Db, name: string, exceptId?: string): Promise<void> {
  const taken = await repo.findOrganizationScopeByName(db, name);
  if (taken && taken.id !== exceptId) throw new ConflictError(`An organization scope named "${name}" already exists.`);
}

export async function listOrganizationScopes(deps: ServiceDeps, page: Page, search?: string): Promise<Paged<OrganizationScopeDto>> {
  const [rows, total] = await Promise.all([
    repo.listOrganizationScopes(deps.db, page, search),
    repo.countOrganizationScopes(deps.db, search),
  ]);
  return { items: rows.map(toOrganizationScopeDto), total };
}

export async function getOrganizationScope(deps: ServiceDeps, id: string): Promise<OrganizationScopeDto> {
  return toOrganizationScopeDto(await requireScope(deps.db, id));
}

export async function createOrganizationScope(
  deps: ServiceDeps,
  input: { name: string; description?: string | null },
): Promise<OrganizationScopeDto> {
  const id = newId();
  const row = await inTransaction(deps.db, async (trx) => {
    await refuseTakenName(trx, input.name);
    await repo.insertOrganizationScope(trx, { id, name: input.name, description: input.description ?? null, createdAt: Date.now() });
    const created = await requireScope(trx, id);
    await recordOrganizationEvent(trx, { key: 'OrganizationScope.Created', data: toOrganizationScopeDto(created) });
    return created;
  });
  await announceOrganizations(deps);
  return toOrganizationScopeDto(row);
}

export async function updateOrganizationScope(
  deps: ServiceDeps,
  id: string,
  patch: { name?: string; description?: string | null },
): Promise<OrganizationScopeDto> {
  const row = await inTransaction(deps.db, async (trx) => {
    await requireScope(trx, id);
    if (patch.name !== undefined) await refuseTakenName(trx, patch.name, id);
    await repo.updateOrganizationScope(trx, id, patch);
    const updated = await requireScope(trx, id);
    await recordOrganizationEvent(trx, { key: 'OrganizationScope.Data.Updated', data: toOrganizationScopeDto(updated) });
    return updated;
  });
  await announceOrganizations(deps);
  return toOrganizationScopeDto(row);
}

/** Roles granting the scope lose it in the same statement (cascade). */
export async function deleteOrganizationScope(deps: ServiceDeps, id: string): Promise<void> {
  await inTransaction(deps.db, async (trx) => {
    if ((await repo.deleteOrganizationScope(trx, id)) === 0) throw new NotFoundError(`Organization scope ${id} does not exist.`);
    await recordOrganizationEvent(trx, { key: 'OrganizationScope.Deleted', data: { id } });
  });
  await announceOrganizations(deps);
}

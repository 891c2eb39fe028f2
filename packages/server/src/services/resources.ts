import type { ResourceDto, ScopeDto } from '@gatehouse/client/dto';
import { NotFoundError, ProtectedEntityError } from '../domain/errors.ts';
import { newId } from '../storage/ids.ts';
import type { Page, Paged } from '../storage/repositories/pagination.ts';
import * as repo from '../storage/repositories/resources.ts';
import { inTransaction } from '../storage/transaction.ts';
import type { ServiceDeps } from './deps.ts';
import { toResourceDto, toScopeDto } from './mappers.ts';
import { SYSTEM, type RequestFacts } from '../domain/request-facts.ts';
import { recordEvent } from './events/record-event.ts';

export interface ResourceInput {
  name: string;
  indicator: string;
  accessTokenTtl?: number;
}

export async function listResources(deps: ServiceDeps, page: Page, search?: string): Promise<Paged<ResourceDto>> {
  const [rows, total] = await Promise.all([repo.listResources(deps.db, page, search), repo.countResources(deps.db, search)]);
  return { items: rows.map(toResourceDto), total };
}

export async function getResource(deps: ServiceDeps, id: string): Promise<ResourceDto> {
  const row = await repo.findResourceById(deps.db, id);
  if (!row) throw new NotFoundError(`API resource ${id} does not exist.`);
  return toResourceDto(row);
}

export async function createResource(deps: ServiceDeps, input: ResourceInput, facts: RequestFacts = SYSTEM): Promise<ResourceDto> {
  const id = newId();
  const row = await inTransaction(deps.db, async (trx) => {
    await repo.insertResource(trx, {
      id,
      name: input.name,
      indicator: input.indicator,
      accessTokenTtl: input.accessTokenTtl ?? deps.config.accessTokenTtl,
      isBuiltin: 0,
      createdAt: Date.now(),
    });
    const created = (await repo.findResourceById(trx, id))!;
    await recordEvent(trx, { key: 'Resource.Created', facts, data: toResourceDto(created), details: { resourceId: id, ...input } });
    return created;
  });
  await deps.changes.publish('resources');
  return toResourceDto(row);
}

async function getMutableResource(db: ServiceDeps['db'], id: string) {
  const row = await repo.findResourceById(db, id);
  if (!row) throw new NotFoundError(`API resource ${id} does not exist.`);
  if (row.isBuiltin === 1) throw new ProtectedEntityError('The built-in Management API resource cannot be changed.');
  return row;
}

export async function updateResource(
  deps: ServiceDeps,
  id: string,
  patch: Partial<ResourceInput>,
  facts: RequestFacts = SYSTEM,
): Promise<ResourceDto> {
  const row = await inTransaction(deps.db, async (trx) => {
    await getMutableResource(trx, id);
    await repo.updateResource(trx, id, patch);
    await recordEvent(trx, { key: 'Resource.Data.Updated', facts, details: { resourceId: id, changes: patch } });
    return (await repo.findResourceById(trx, id))!;
  });
  await deps.changes.publish('resources');
  return toResourceDto(row);
}

export async function deleteResource(deps: ServiceDeps, id: string, facts: RequestFacts = SYSTEM): Promise<void> {
  await inTransaction(deps.db, async (trx) => {
    const resource = await getMutableResource(trx, id);
    await repo.deleteResource(trx, id);
    await recordEvent(trx, { key: 'Resource.Deleted', facts, details: { resourceId: id, indicator: resource.indicator } });
  });
  await deps.changes.publish('rbac');
}

export async function listScopes(deps: ServiceDeps, resourceId: string, page: Page): Promise<Paged<ScopeDto>> {
  await getResource(deps, resourceId);
  const [rows, total] = await Promise.all([
    repo.listScopesOfResource(deps.db, resourceId, page),
    repo.countScopesOfResource(deps.db, resourceId),
  ]);
  return { items: rows.map(toScopeDto), total };
}

export async function createScope(
  deps: ServiceDeps,
  resourceId: string,
  input: { name: string; description?: string | null },
  facts: RequestFacts = SYSTEM,
): Promise<ScopeDto> {
  const id = newId();
  const row = await inTransaction(deps.db, async (trx) => {
    await getMutableResource(trx, resourceId);
    await repo.insertScope(trx, { id, resourceId, name: input.name, description: input.description ?? null, createdAt: Date.now() });
    const created = (await repo.findScopeById(trx, id))!;
    await recordEvent(trx, {
      key: 'Scope.Created',
      facts,
      data: toScopeDto(created),
      details: { scopeId: id, resourceId, name: input.name },
    });
    return created;
  });
  await deps.changes.publish('rbac');
  return toScopeDto(row);
}

async function getScopeOf(db: ServiceDeps['db'], resourceId: string, scopeId: string) {
  await getMutableResource(db, resourceId);
  const scope = await repo.findScopeById(db, scopeId);
  if (!scope || scope.resourceId !== resourceId) throw new NotFoundError(`Scope ${scopeId} does not exist on API resource ${resourceId}.`);
  return scope;
}

export async function updateScope(
  deps: ServiceDeps,
  resourceId: string,
  scopeId: string,
  patch: { name?: string; description?: string | null },
  facts: RequestFacts = SYSTEM,
): Promise<ScopeDto> {
  const row = await inTransaction(deps.db, async (trx) => {
    await getScopeOf(trx, resourceId, scopeId);
    await repo.updateScope(trx, scopeId, patch);
    const updated = (await repo.findScopeById(trx, scopeId))!;
    await recordEvent(trx, {
      key: 'Scope.Data.Updated',
      facts,
      data: toScopeDto(updated),
      details: { scopeId, resourceId, changes: patch },
    });
    return updated;
  });
  await deps.changes.publish('rbac');
  return toScopeDto(row);
}

export async function deleteScope(deps: ServiceDeps, resourceId: string, scopeId: string, facts: RequestFacts = SYSTEM): Promise<void> {
  await inTransaction(deps.db, async (trx) => {
    const scope = await getScopeOf(trx, resourceId, scopeId);
    await repo.deleteScope(trx, scopeId);
    await recordEvent(trx, { key: 'Scope.Deleted', facts, data: toScopeDto(scope), details: { scopeId, resourceId, name: scope.name } });
  });
  await deps.changes.publish('rbac');
}

import type { OrganizationDto } from '@gatehouse/client/dto';
import { NotFoundError } from '../../domain/errors.ts';
import { newId } from '../../storage/ids.ts';
import type { Page, Paged } from '../../storage/repositories/pagination.ts';
import * as repo from '../../storage/repositories/organizations.ts';
import { inTransaction } from '../../storage/transaction.ts';
import type { ServiceDeps } from '../deps.ts';
import { announceOrganizations, recordOrganizationEvent } from './announce.ts';
import { requireOrganization } from './guards.ts';
import { toOrganizationDto } from './mappers.ts';

export interface OrganizationInput {
  name: string;
  description?: string | null;
  customData?: Record<string, unknown>;
  isMfaRequired?: boolean;
}

export async function listOrganizations(deps: ServiceDeps, page: Page, search?: string): Promise<Paged<OrganizationDto>> {
  const [rows, total] = await Promise.all([repo.listOrganizations(deps.db, page, search), repo.countOrganizations(deps.db, search)]);
  return { items: rows.map(toOrganizationDto), total };
}

export async function getOrganization(deps: ServiceDeps, id: string): Promise<OrganizationDto> {
  return toOrganizationDto(await requireOrganization(deps.db, id));
}

export async function createOrganization(deps: ServiceDeps, input: OrganizationInput): Promise<OrganizationDto> {
  const id = newId(12); // Logto's organization ids are 12 characters
  const row = await inTransaction(deps.db, async (trx) => {
    await repo.insertOrganization(trx, {
      id,
      name: input.name,
      description: input.description ?? null,
      customData: JSON.stringify(input.customData ?? {}),
      isMfaRequired: input.isMfaRequired ? 1 : 0,
      createdAt: Date.now(),
    });
    const created = await requireOrganization(trx, id);
    await recordOrganizationEvent(trx, { key: 'Organization.Created', data: toOrganizationDto(created) });
    return created;
  });
  await announceOrganizations(deps);
  return toOrganizationDto(row);
}

export async function updateOrganization(deps: ServiceDeps, id: string, patch: Partial<OrganizationInput>): Promise<OrganizationDto> {
  const row = await inTransaction(deps.db, async (trx) => {
    await requireOrganization(trx, id);
    await repo.updateOrganization(trx, id, {
      name: patch.name,
      description: patch.description,
      customData: patch.customData === undefined ? undefined : JSON.stringify(patch.customData),
      isMfaRequired: patch.isMfaRequired === undefined ? undefined : patch.isMfaRequired ? 1 : 0,
    });
    const updated = await requireOrganization(trx, id);
    await recordOrganizationEvent(trx, { key: 'Organization.Data.Updated', data: toOrganizationDto(updated) });
    return updated;
  });
  await announceOrganizations(deps);
  return toOrganizationDto(row);
}

/** One statement: memberships, member roles, invitations and JIT rules cascade with it. */
export async function deleteOrganization(deps: ServiceDeps, id: string): Promise<void> {
  await inTransaction(deps.db, async (trx) => {
    if ((await repo.deleteOrganization(trx, id)) === 0) throw new NotFoundError(`Organization ${id} does not exist.`);
    await recordOrganizationEvent(trx, { key: 'Organization.Deleted', data: { id } });
  });
  await announceOrganizations(deps);
}

import type {
  OrganizationDto,
  OrganizationInvitationDto,
  OrganizationInvitationStatus,
  OrganizationRoleDto,
  OrganizationRoleEntityDto,
  OrganizationScopeDto,
  RoleType,
} from '@gatehouse/client/dto';
import { parseObjectColumn } from '../../storage/repositories/json-columns.ts';
import type { OrganizationInvitationRow, OrganizationRoleRow, OrganizationRow, OrganizationScopeRow } from '../../storage/schema.ts';

export function toOrganizationDto(row: OrganizationRow): OrganizationDto {
  return {
    id: row.id,
    name: row.name,
    description: row.description,
    customData: parseObjectColumn(row.customData),
    isMfaRequired: row.isMfaRequired === 1,
    createdAt: row.createdAt,
  };
}

export function toOrganizationScopeDto(row: OrganizationScopeRow): OrganizationScopeDto {
  return { id: row.id, name: row.name, description: row.description };
}

export function toOrganizationRoleDto(row: OrganizationRoleRow): OrganizationRoleDto {
  return { id: row.id, name: row.name, description: row.description, type: row.type as RoleType };
}

/** Pending past `expiresAt` reads as Expired (Logto stores Expired lazily, on the next write). */
export function invitationStatusOf(
  row: Pick<OrganizationInvitationRow, 'status' | 'expiresAt'>,
  now: number,
): OrganizationInvitationStatus {
  if (row.status === 'Pending' && row.expiresAt <= now) return 'Expired';
  return row.status as OrganizationInvitationStatus;
}

export function toInvitationDto(
  row: OrganizationInvitationRow,
  roles: OrganizationRoleEntityDto[],
  now = Date.now(),
): OrganizationInvitationDto {
  return {
    id: row.id,
    inviterId: row.inviterId,
    invitee: row.invitee,
    acceptedUserId: row.acceptedUserId,
    organizationId: row.organizationId,
    status: invitationStatusOf(row, now),
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
    expiresAt: row.expiresAt,
    organizationRoles: roles,
  };
}

/** Groups `{ key, id, name }` rows into `key -> [{ id, name }]`, keeping row order. */
export function groupRoleEntities<K extends string>(
  rows: ReadonlyArray<Record<K, string> & { id: string; name: string }>,
  key: K,
): Map<string, OrganizationRoleEntityDto[]> {
  const grouped = new Map<string, OrganizationRoleEntityDto[]>();
  for (const row of rows) {
    const list = grouped.get(row[key]) ?? [];
    list.push({ id: row.id, name: row.name });
    grouped.set(row[key], list);
  }
  return grouped;
}

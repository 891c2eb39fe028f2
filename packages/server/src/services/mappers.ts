import type { ApplicationDto, ApplicationType, ResourceDto, RoleDto, RoleType, ScopeDto, UserDto } from '@gatehouse/client/dto';
import { parseObjectColumn, parseUriList } from '../storage/repositories/json-columns.ts';
import type { ApplicationRow, ResourceRow, RoleRow, ScopeRow, UserRow } from '../storage/schema.ts';

export function toUserDto(row: UserRow): UserDto {
  return {
    id: row.id,
    username: row.username,
    primaryEmail: row.primaryEmail,
    primaryPhone: row.primaryPhone,
    name: row.name,
    avatar: row.avatar,
    customData: parseObjectColumn(row.customData),
    isSuspended: row.isSuspended === 1,
    hasPassword: row.passwordHash !== null,
    primaryEmailVerified: row.primaryEmail !== null && row.verifiedEmail === row.primaryEmail,
    lastSignInAt: row.lastSignInAt,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

export function toResourceDto(row: ResourceRow): ResourceDto {
  return { id: row.id, name: row.name, indicator: row.indicator, accessTokenTtl: row.accessTokenTtl, isBuiltin: row.isBuiltin === 1 };
}

export function toScopeDto(row: ScopeRow): ScopeDto {
  return { id: row.id, resourceId: row.resourceId, name: row.name, description: row.description };
}

export function toRoleDto(row: RoleRow): RoleDto {
  return { id: row.id, name: row.name, description: row.description, type: row.type as RoleType, isBuiltin: row.isBuiltin === 1 };
}

export function toApplicationDto(row: ApplicationRow, secret?: string): ApplicationDto {
  const dto: ApplicationDto = {
    id: row.id,
    name: row.name,
    description: row.description,
    type: row.type as ApplicationType,
    oidcClientMetadata: {
      redirectUris: parseUriList(row.redirectUris),
      postLogoutRedirectUris: parseUriList(row.postLogoutRedirectUris),
    },
    customData: parseObjectColumn(row.customData),
    isBuiltin: row.isBuiltin === 1,
    createdAt: row.createdAt,
  };
  if (secret !== undefined) dto.secret = secret;
  return dto;
}

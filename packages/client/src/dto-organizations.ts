/**
 * Organization wire types of the Management API, with Logto's field names so scripts written
 * against Logto's organization endpoints keep working. The server checks its zod schemas
 * against these.
 */
import type { ApplicationDto, RoleType, UserDto } from './dto.ts';

/** A tenant of a multi-tenant app: users and machine apps are its members. */
export interface OrganizationDto {
  id: string;
  name: string;
  description: string | null;
  customData: Record<string, unknown>;
  /** Members must have MFA configured to get an organization token. */
  isMfaRequired: boolean;
  createdAt: number;
}

/** An organization permission of the organization template, e.g. `invite:member`. */
export interface OrganizationScopeDto {
  id: string;
  name: string;
  description: string | null;
}

/** An organization role of the organization template; `type` says who may hold it. */
export interface OrganizationRoleDto {
  id: string;
  name: string;
  description: string | null;
  type: RoleType;
}

/** The short form of an organization role, as listed with a member. */
export interface OrganizationRoleEntityDto {
  id: string;
  name: string;
}

/** An organization role with the organization and API-resource scopes it grants. */
export interface OrganizationRoleWithScopesDto extends OrganizationRoleDto {
  scopes: Array<{ id: string; name: string }>;
  resourceScopes: Array<{ id: string; name: string; resource: { id: string; name: string } }>;
}

/** A user member of an organization with their roles in it. */
export interface OrganizationUserDto extends UserDto {
  organizationRoles: OrganizationRoleEntityDto[];
}

/** A machine-to-machine application member of an organization with its roles in it. */
export interface OrganizationApplicationDto extends ApplicationDto {
  organizationRoles: OrganizationRoleEntityDto[];
}

/** An organization a user belongs to, with the user's roles in it (`GET /users/:id/organizations`). */
export interface OrganizationWithRolesDto extends OrganizationDto {
  organizationRoles: OrganizationRoleEntityDto[];
}

/** `Expired` is never stored by a request: a Pending invitation past `expiresAt` reads as Expired. */
export type OrganizationInvitationStatus = 'Pending' | 'Accepted' | 'Expired' | 'Revoked';

export interface OrganizationInvitationDto {
  id: string;
  inviterId: string | null;
  /** The invitee's email address. */
  invitee: string;
  acceptedUserId: string | null;
  organizationId: string;
  status: OrganizationInvitationStatus;
  createdAt: number;
  updatedAt: number;
  /** Epoch milliseconds. */
  expiresAt: number;
  /** The roles the invitee gets on accepting. */
  organizationRoles: OrganizationRoleEntityDto[];
}

/** A user whose verified email is in this domain joins the organization (just-in-time). */
export interface OrganizationJitEmailDomainDto {
  organizationId: string;
  emailDomain: string;
}

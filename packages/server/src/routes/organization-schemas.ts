import type {
  OrganizationApplicationDto,
  OrganizationDto,
  OrganizationInvitationDto,
  OrganizationJitEmailDomainDto,
  OrganizationRoleDto,
  OrganizationRoleEntityDto,
  OrganizationRoleWithScopesDto,
  OrganizationScopeDto,
  OrganizationUserDto,
  OrganizationWithRolesDto,
} from '@gatehouse/client/dto';
import { z } from 'zod';
import { ApplicationResponse, customData, Id, PageQuery, RoleType, UserResponse } from './schemas.ts';

// Organization wire schemas, typed against the SDK's DTOs (Logto's field names and limits:
// names 128 characters, descriptions 256).

const name = z.string().trim().min(1, 'must not be empty').max(128);
const description = z.string().max(256).nullable().optional();
const ids = (what: string) => z.array(Id).min(1, `must name at least one ${what}`).max(1000);

/** Logto's list query: `q` searches (our other lists call it `search`; both are accepted). */
export const OrganizationPageQuery = PageQuery.extend({ q: z.string().max(256).optional().describe('Substring to match (Logto)') });
export const searchOf = (query: { q?: string; search?: string }) => query.q ?? query.search;

export const OrganizationResponse: z.ZodType<OrganizationDto> = z.object({
  id: z.string(),
  name: z.string(),
  description: z.string().nullable(),
  customData: z.record(z.string(), z.unknown()),
  isMfaRequired: z.boolean(),
  createdAt: z.number(),
});
export const OrganizationCreateBody = z.object({
  name,
  description,
  customData: customData.optional(),
  isMfaRequired: z.boolean().optional(),
});
export const OrganizationUpdateBody = z.object({
  name: name.optional(),
  description,
  customData: customData.optional(),
  isMfaRequired: z.boolean().optional(),
});

const scopeName = z
  .string()
  .min(1, 'must not be empty')
  .max(128)
  .regex(/^[\x21\x23-\x5B\x5D-\x7E]+$/, 'must be printable ASCII without spaces, quotes or backslashes (RFC 6749 scope-token)');
export const OrganizationScopeResponse: z.ZodType<OrganizationScopeDto> = z.object({
  id: z.string(),
  name: z.string(),
  description: z.string().nullable(),
});
export const OrganizationScopeCreateBody = z.object({ name: scopeName, description });
export const OrganizationScopeUpdateBody = z.object({ name: scopeName.optional(), description });

export const OrganizationRoleResponse: z.ZodType<OrganizationRoleDto> = z.object({
  id: z.string(),
  name: z.string(),
  description: z.string().nullable(),
  type: RoleType,
});
const roleEntity: z.ZodType<OrganizationRoleEntityDto> = z.object({ id: z.string(), name: z.string() });
export const OrganizationRoleWithScopesResponse: z.ZodType<OrganizationRoleWithScopesDto> = z.object({
  id: z.string(),
  name: z.string(),
  description: z.string().nullable(),
  type: RoleType,
  scopes: z.array(z.object({ id: z.string(), name: z.string() })),
  resourceScopes: z.array(z.object({ id: z.string(), name: z.string(), resource: z.object({ id: z.string(), name: z.string() }) })),
});
export const OrganizationRoleCreateBody = z.object({
  name,
  description,
  type: RoleType.default('User'),
  organizationScopeIds: z.array(Id).max(1000).optional().describe('Organization scopes the role grants'),
  resourceScopeIds: z.array(Id).max(1000).optional().describe('API-resource scopes the role grants inside an organization'),
});
export const OrganizationRoleUpdateBody = z.object({ name: name.optional(), description });
export const OrganizationRoleListQuery = OrganizationPageQuery.extend({ type: RoleType.optional() });

export const OrganizationScopeIdsBody = z.object({ organizationScopeIds: ids('organization scope') });
export const OrganizationScopeIdsReplaceBody = z.object({ organizationScopeIds: z.array(Id).max(1000) });
export const ScopeIdsReplaceBody = z.object({ scopeIds: z.array(Id).max(1000) });
export const OrganizationRoleIdsBody = z.object({ organizationRoleIds: ids('organization role') });
export const OrganizationRoleIdsReplaceBody = z.object({ organizationRoleIds: z.array(Id).max(1000) });

/** Logto accepts role ids, role names or both. */
export const MemberRolesBody = z
  .object({
    organizationRoleIds: z.array(Id).max(1000).optional(),
    organizationRoleNames: z.array(z.string().min(1).max(128)).max(1000).optional(),
  })
  .refine((b) => (b.organizationRoleIds?.length ?? 0) + (b.organizationRoleNames?.length ?? 0) > 0, {
    message: 'must name at least one role in organizationRoleIds or organizationRoleNames',
    path: ['organizationRoleIds'],
  });
export const MemberRolesReplaceBody = z.object({
  organizationRoleIds: z.array(Id).max(1000).optional(),
  organizationRoleNames: z.array(z.string().min(1).max(128)).max(1000).optional(),
});
export const MemberRolesResponse = z.object({ organizationRoleIds: z.array(z.string()) });

export const UserIdsReplaceBody = z.object({ userIds: z.array(Id).max(1000) });
export const ApplicationIdsReplaceBody = z.object({ applicationIds: z.array(Id).max(1000) });
export const UsersRolesBody = z.object({ userIds: ids('user'), organizationRoleIds: ids('organization role') });
export const ApplicationsRolesBody = z.object({ applicationIds: ids('application'), organizationRoleIds: ids('organization role') });
export const UserIdsResponse = z.object({ userIds: z.array(z.string()) });

export const OrganizationMemberQuery = OrganizationPageQuery.extend({
  organizationRoleId: Id.optional().describe('Only members holding this organization role'),
});

export const OrganizationUserResponse: z.ZodType<OrganizationUserDto> = z.intersection(
  UserResponse,
  z.object({ organizationRoles: z.array(roleEntity) }),
);
export const OrganizationApplicationResponse: z.ZodType<OrganizationApplicationDto> = z.intersection(
  ApplicationResponse,
  z.object({ organizationRoles: z.array(roleEntity) }),
);
export const OrganizationWithRolesResponse: z.ZodType<OrganizationWithRolesDto> = z.intersection(
  OrganizationResponse,
  z.object({ organizationRoles: z.array(roleEntity) }),
);

export const OrganizationUserParams = z.object({ id: Id, userId: Id });
export const OrganizationApplicationParams = z.object({ id: Id, applicationId: Id });
export const OrganizationUserRoleParams = z.object({ id: Id, userId: Id, organizationRoleId: Id });
export const OrganizationApplicationRoleParams = z.object({ id: Id, applicationId: Id, organizationRoleId: Id });
export const OrganizationRoleScopeParams = z.object({ id: Id, organizationScopeId: Id });
export const OrganizationRoleResourceScopeParams = z.object({ id: Id, scopeId: Id });
export const OrganizationJitRoleParams = z.object({ id: Id, organizationRoleId: Id });

const emailDomain = z
  .string()
  .trim()
  .max(128)
  .regex(/^(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z0-9-]{2,63}$/, 'must be a domain name such as example.com');
export const JitEmailDomainBody = z.object({ emailDomain });
export const JitEmailDomainsBody = z.object({ emailDomains: z.array(emailDomain).max(1000) });
export const JitEmailDomainParams = z.object({ id: Id, emailDomain: z.string().min(1).max(128) });
export const JitEmailDomainResponse: z.ZodType<OrganizationJitEmailDomainDto> = z.object({
  organizationId: z.string(),
  emailDomain: z.string(),
});

const InvitationStatus = z.enum(['Pending', 'Accepted', 'Expired', 'Revoked']);
export const InvitationResponse: z.ZodType<OrganizationInvitationDto> = z.object({
  id: z.string(),
  inviterId: z.string().nullable(),
  invitee: z.string(),
  acceptedUserId: z.string().nullable(),
  organizationId: z.string(),
  status: InvitationStatus,
  createdAt: z.number(),
  updatedAt: z.number(),
  expiresAt: z.number(),
  organizationRoles: z.array(roleEntity),
});
export const InvitationCreateBody = z.object({
  invitee: z.email('must be an email address').max(320),
  organizationId: Id,
  organizationRoleIds: z.array(Id).max(1000).optional(),
  expiresAt: z.number().int().positive().describe('Epoch milliseconds; must be in the future'),
  inviterId: Id.nullable().optional(),
  messagePayload: z
    .union([z.record(z.string(), z.unknown()), z.literal(false)])
    .default(false)
    .describe('Send the invitation email with this payload (e.g. { link }); false sends none'),
});
export const InvitationListQuery = z.object({
  organizationId: Id.optional(),
  inviterId: Id.optional(),
  invitee: z.string().max(320).optional(),
});
export const InvitationStatusBody = z.object({
  status: z.enum(['Accepted', 'Revoked']),
  acceptedUserId: Id.nullable().optional(),
});

import type { ApplicationDto, ResourceDto, RoleDto, ScopeDto, UserDto } from '@gatehouse/client/dto';
import { z } from 'zod';
import { passwordPolicy } from '../services/passwords.ts';

// Response schemas are typed against the SDK's DTOs: a wire change that forgets one side
// fails the build.
export const Id = z.string().min(1).max(128).describe('Entity id');
export const IdParams = z.object({ id: Id });

export const PageQuery = z.object({
  page: z.coerce.number().int().min(1).default(1).describe('1-based page number'),
  page_size: z.coerce.number().int().min(1).max(100).default(20).describe('Items per page (max 100)'),
  search: z.string().max(256).optional().describe('Substring to match'),
});

export function pageOf(q: { page: number; page_size: number }) {
  return { limit: q.page_size, offset: (q.page - 1) * q.page_size };
}

const name = z.string().trim().min(1, 'must not be empty').max(256);
const description = z.string().max(2048).nullable().optional();

const httpUrl = z
  .string()
  .max(2048)
  .refine((v) => {
    try {
      const u = new URL(v);
      // u.hash is '' for an empty fragment too ('…/api#'), which is still a fragment component.
      return (u.protocol === 'https:' || u.protocol === 'http:') && !v.includes('#');
    } catch {
      return false;
    }
  }, 'must be an absolute http(s) URL without a fragment');

/** Redirect URIs are matched exactly (RFC 9700): absolute, no fragment, no wildcard. */
const redirectUri = z
  .string()
  .max(2048)
  .refine((v) => {
    try {
      const u = new URL(v);
      return !v.includes('#') && !v.includes('*') && u.protocol !== 'javascript:' && u.protocol !== 'data:';
    } catch {
      return false;
    }
  }, 'must be an absolute URI without a fragment or wildcard');

export const ResourceResponse: z.ZodType<ResourceDto> = z.object({
  id: z.string(),
  name: z.string(),
  indicator: z.string(),
  accessTokenTtl: z.number(),
  isBuiltin: z.boolean().optional(),
});

export const ResourceCreateBody = z.object({
  name,
  indicator: httpUrl.describe('Resource indicator (RFC 8707); the `aud` of its tokens'),
  accessTokenTtl: z.number().int().min(60).max(86400).optional().describe('Access token lifetime in seconds'),
});
export const ResourceUpdateBody = z.object({
  name: name.optional(),
  accessTokenTtl: z.number().int().min(60).max(86400).optional(),
});

export const ScopeResponse: z.ZodType<ScopeDto> = z.object({
  id: z.string(),
  resourceId: z.string(),
  name: z.string(),
  description: z.string().nullable(),
});
const scopeName = z
  .string()
  .min(1, 'must not be empty')
  .max(256)
  .regex(/^[\x21\x23-\x5B\x5D-\x7E]+$/, 'must be printable ASCII without spaces, quotes or backslashes (RFC 6749 scope-token)');
export const ScopeCreateBody = z.object({ name: scopeName, description });
export const ScopeUpdateBody = z.object({ name: scopeName.optional(), description });
export const ResourceScopeParams = z.object({ id: Id, scopeId: Id });

export const RoleType = z.enum(['User', 'MachineToMachine']);
export const RoleResponse: z.ZodType<RoleDto> = z.object({
  id: z.string(),
  name: z.string(),
  description: z.string().nullable(),
  type: RoleType,
  isBuiltin: z.boolean().optional(),
});
export const RoleCreateBody = z.object({
  name,
  description,
  type: RoleType.default('User'),
  scopeIds: z.array(Id).max(1000).optional(),
});
export const RoleUpdateBody = z.object({ name: name.optional(), description });
export const RoleListQuery = PageQuery.extend({ type: RoleType.optional() });

export const UserResponse: z.ZodType<UserDto> = z.object({
  id: z.string(),
  username: z.string().nullable(),
  primaryEmail: z.string().nullable(),
  primaryPhone: z.string().nullable(),
  name: z.string().nullable(),
  avatar: z.string().nullable(),
  customData: z.record(z.string(), z.unknown()),
  isSuspended: z.boolean(),
  hasPassword: z.boolean(),
  primaryEmailVerified: z.boolean(),
  lastSignInAt: z.number().nullable(),
  createdAt: z.number(),
  updatedAt: z.number(),
});
export const username = z
  .string()
  .min(1)
  .max(128)
  .regex(/^[A-Za-z_][\w.-]*$/, 'must start with a letter or _ and contain only letters, digits, _, . and -');
const password = z
  .string()
  .min(passwordPolicy.minLength, `must be at least ${passwordPolicy.minLength} characters`)
  .max(passwordPolicy.maxLength);
/** How deep customData may nest: deeper values are refused, never stored. */
const MAX_CUSTOM_DATA_DEPTH = 32;

function depthOf(value: unknown, limit: number): number {
  if (value === null || typeof value !== 'object') return 0;
  if (limit <= 0) return 1; // already too deep: stop walking
  let deepest = 0;
  for (const child of Object.values(value)) deepest = Math.max(deepest, depthOf(child, limit - 1));
  return deepest + 1;
}

export const customData = z
  .record(z.string(), z.unknown())
  .refine((v) => depthOf(v, MAX_CUSTOM_DATA_DEPTH) <= MAX_CUSTOM_DATA_DEPTH, `must not nest deeper than ${MAX_CUSTOM_DATA_DEPTH} levels`);

const userFields = {
  username: username.nullable().optional(),
  primaryEmail: z.email('must be an email address').max(320).nullable().optional(),
  primaryPhone: z
    .string()
    .regex(/^\+?[0-9]{5,20}$/, 'must be digits, optionally starting with +')
    .nullable()
    .optional(),
  name: z.string().max(256).nullable().optional(),
  avatar: httpUrl.nullable().optional(),
  customData: customData.optional(),
};
export const UserCreateBody = z.object({ ...userFields, password: password.optional() });
export const UserUpdateBody = z.object(userFields);
export const UserPasswordBody = z.object({ password });
export const UserSuspendBody = z.object({ isSuspended: z.boolean() });

const ApplicationType = z.enum(['SPA', 'Traditional', 'Native', 'MachineToMachine']);
export const ApplicationResponse: z.ZodType<ApplicationDto> = z.object({
  id: z.string(),
  name: z.string(),
  description: z.string().nullable(),
  type: ApplicationType,
  oidcClientMetadata: z.object({ redirectUris: z.array(z.string()), postLogoutRedirectUris: z.array(z.string()) }),
  customData: z.record(z.string(), z.unknown()),
  isBuiltin: z.boolean().optional(),
  createdAt: z.number(),
  secret: z.string().optional().describe('Only in the create and rotate responses'),
});
const oidcClientMetadata = z.object({
  redirectUris: z.array(redirectUri).max(50).optional(),
  postLogoutRedirectUris: z.array(redirectUri).max(50).optional(),
});
export const ApplicationCreateBody = z.object({
  name,
  description,
  type: ApplicationType,
  oidcClientMetadata: oidcClientMetadata.optional(),
  customData: customData.optional(),
});
export const ApplicationUpdateBody = z.object({
  name: name.optional(),
  description,
  oidcClientMetadata: oidcClientMetadata.optional(),
  customData: customData.optional(),
});

export const RoleIdsBody = z.object({ roleIds: z.array(Id).min(1, 'must name at least one role').max(1000) });
export const ScopeIdsBody = z.object({ scopeIds: z.array(Id).min(1, 'must name at least one scope').max(1000) });
export const UserIdsBody = z.object({ userIds: z.array(Id).min(1, 'must name at least one user').max(1000) });
export const ApplicationIdsBody = z.object({
  applicationIds: z.array(Id).min(1, 'must name at least one application').max(1000),
});
export const RoleMemberParams = z.object({ id: Id, roleId: Id });
export const RoleScopeParams = z.object({ id: Id, scopeId: Id });
export const RoleUserParams = z.object({ id: Id, userId: Id });
export const RoleApplicationParams = z.object({ id: Id, applicationId: Id });

import { z } from 'zod';
import * as service from '../services/organizations/index.ts';
import type { RouteDeps } from './context.ts';
import {
  MemberRolesBody,
  MemberRolesReplaceBody,
  MemberRolesResponse,
  OrganizationMemberQuery,
  OrganizationRoleResponse,
  OrganizationScopeResponse,
  OrganizationUserParams,
  OrganizationUserResponse,
  OrganizationUserRoleParams,
  searchOf,
  UserIdsReplaceBody,
  UserIdsResponse,
  UsersRolesBody,
} from './organization-schemas.ts';
import { IdParams, pageOf, UserIdsBody } from './schemas.ts';

export function organizationUserRoutes(deps: RouteDeps): void {
  const { router, registry } = deps;
  const tag = 'Organizations';
  registry.add(
    router,
    {
      method: 'get',
      path: '/organizations/:id/users',
      tag,
      summary: 'List the user members of an organization with their organization roles',
      params: IdParams,
      query: OrganizationMemberQuery,
      response: OrganizationUserResponse,
      paged: true,
    },
    ({ params, query }) =>
      service.listOrganizationUsers(deps, params.id, pageOf(query), {
        search: searchOf(query),
        organizationRoleId: query.organizationRoleId,
      }),
  );
  registry.add(
    router,
    {
      method: 'post',
      path: '/organizations/:id/users',
      tag,
      summary: 'Add users to an organization',
      params: IdParams,
      body: UserIdsBody,
      response: UserIdsResponse,
      status: 201,
    },
    async ({ params, body }) => {
      await service.setOrganizationMembers(deps, 'user', params.id, body.userIds, 'add');
      return { userIds: body.userIds };
    },
  );
  registry.add(
    router,
    {
      method: 'put',
      path: '/organizations/:id/users',
      tag,
      summary: 'Replace the user members of an organization',
      params: IdParams,
      body: UserIdsReplaceBody,
      status: 204,
      response: z.undefined(),
    },
    ({ params, body }) => service.setOrganizationMembers(deps, 'user', params.id, body.userIds, 'replace'),
  );
  registry.add(
    router,
    {
      method: 'delete',
      path: '/organizations/:id/users/:userId',
      tag,
      summary: 'Remove a user from an organization (with their roles in it)',
      params: OrganizationUserParams,
      status: 204,
      response: z.undefined(),
    },
    ({ params }) => service.removeOrganizationMember(deps, 'user', params.id, params.userId),
  );
  registry.add(
    router,
    {
      method: 'post',
      path: '/organizations/:id/users/roles',
      tag,
      summary: 'Assign organization roles to several members',
      params: IdParams,
      body: UsersRolesBody,
      status: 201,
      response: z.undefined(),
    },
    ({ params, body }) => service.assignRolesToMembers(deps, 'user', params.id, body.userIds, body.organizationRoleIds),
  );
  registry.add(
    router,
    {
      method: 'get',
      path: '/organizations/:id/users/:userId/roles',
      tag,
      summary: "List a member's roles in an organization",
      params: OrganizationUserParams,
      response: z.array(OrganizationRoleResponse),
    },
    ({ params }) => service.listMemberRoles(deps, 'user', params.id, params.userId),
  );
  registry.add(
    router,
    {
      method: 'post',
      path: '/organizations/:id/users/:userId/roles',
      tag,
      summary: 'Assign organization roles (by id or name) to a member',
      params: OrganizationUserParams,
      body: MemberRolesBody,
      response: MemberRolesResponse,
      status: 201,
    },
    async ({ params, body }) => ({
      organizationRoleIds: await service.setMemberRoles(deps, 'user', params.id, params.userId, body, 'add'),
    }),
  );
  registry.add(
    router,
    {
      method: 'put',
      path: '/organizations/:id/users/:userId/roles',
      tag,
      summary: "Replace a member's roles in an organization",
      params: OrganizationUserParams,
      body: MemberRolesReplaceBody,
      status: 204,
      response: z.undefined(),
    },
    async ({ params, body }) => {
      await service.setMemberRoles(deps, 'user', params.id, params.userId, body, 'replace');
    },
  );
  registry.add(
    router,
    {
      method: 'delete',
      path: '/organizations/:id/users/:userId/roles/:organizationRoleId',
      tag,
      summary: 'Remove an organization role from a member',
      params: OrganizationUserRoleParams,
      status: 204,
      response: z.undefined(),
    },
    ({ params }) => service.removeMemberRole(deps, 'user', params.id, params.userId, params.organizationRoleId),
  );
  registry.add(
    router,
    {
      method: 'get',
      path: '/organizations/:id/users/:userId/scopes',
      tag,
      summary: "List the organization scopes a member's roles grant",
      params: OrganizationUserParams,
      response: z.array(OrganizationScopeResponse),
    },
    ({ params }) => service.listUserOrganizationScopes(deps, params.id, params.userId),
  );
}

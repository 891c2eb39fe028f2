import { z } from 'zod';
import * as service from '../services/organizations/index.ts';
import type { RouteDeps } from './context.ts';
import {
  MemberRolesBody,
  MemberRolesReplaceBody,
  MemberRolesResponse,
  OrganizationPageQuery,
  OrganizationRoleResponse,
  OrganizationApplicationParams,
  OrganizationApplicationResponse,
  OrganizationApplicationRoleParams,
  searchOf,
  ApplicationIdsReplaceBody,
  ApplicationsRolesBody,
} from './organization-schemas.ts';
import { IdParams, pageOf, ApplicationIdsBody } from './schemas.ts';

export function organizationApplicationRoutes(deps: RouteDeps): void {
  const { router, registry } = deps;
  const tag = 'Organizations';
  registry.add(
    router,
    {
      method: 'get',
      path: '/organizations/:id/applications',
      tag,
      summary: 'List the machine-to-machine application members of an organization with their organization roles',
      params: IdParams,
      query: OrganizationPageQuery,
      response: OrganizationApplicationResponse,
      paged: true,
    },
    ({ params, query }) => service.listOrganizationApplications(deps, params.id, pageOf(query), { search: searchOf(query) }),
  );
  registry.add(
    router,
    {
      method: 'post',
      path: '/organizations/:id/applications',
      tag,
      summary: 'Add machine-to-machine applications to an organization',
      params: IdParams,
      body: ApplicationIdsBody,
      status: 201,
      response: z.undefined(),
    },
    ({ params, body }) => service.setOrganizationMembers(deps, 'application', params.id, body.applicationIds, 'add'),
  );
  registry.add(
    router,
    {
      method: 'put',
      path: '/organizations/:id/applications',
      tag,
      summary: 'Replace the machine-to-machine application members of an organization',
      params: IdParams,
      body: ApplicationIdsReplaceBody,
      status: 204,
      response: z.undefined(),
    },
    ({ params, body }) => service.setOrganizationMembers(deps, 'application', params.id, body.applicationIds, 'replace'),
  );
  registry.add(
    router,
    {
      method: 'delete',
      path: '/organizations/:id/applications/:applicationId',
      tag,
      summary: 'Remove an application from an organization (with its roles in it)',
      params: OrganizationApplicationParams,
      status: 204,
      response: z.undefined(),
    },
    ({ params }) => service.removeOrganizationMember(deps, 'application', params.id, params.applicationId),
  );
  registry.add(
    router,
    {
      method: 'post',
      path: '/organizations/:id/applications/roles',
      tag,
      summary: 'Assign organization roles to several applications',
      params: IdParams,
      body: ApplicationsRolesBody,
      status: 201,
      response: z.undefined(),
    },
    ({ params, body }) => service.assignRolesToMembers(deps, 'application', params.id, body.applicationIds, body.organizationRoleIds),
  );
  registry.add(
    router,
    {
      method: 'get',
      path: '/organizations/:id/applications/:applicationId/roles',
      tag,
      summary: "List an application's roles in an organization",
      params: OrganizationApplicationParams,
      response: z.array(OrganizationRoleResponse),
    },
    ({ params }) => service.listMemberRoles(deps, 'application', params.id, params.applicationId),
  );
  registry.add(
    router,
    {
      method: 'post',
      path: '/organizations/:id/applications/:applicationId/roles',
      tag,
      summary: 'Assign organization roles (by id or name) to an application',
      params: OrganizationApplicationParams,
      body: MemberRolesBody,
      response: MemberRolesResponse,
      status: 201,
    },
    async ({ params, body }) => ({
      organizationRoleIds: await service.setMemberRoles(deps, 'application', params.id, params.applicationId, body, 'add'),
    }),
  );
  registry.add(
    router,
    {
      method: 'put',
      path: '/organizations/:id/applications/:applicationId/roles',
      tag,
      summary: "Replace an application's roles in an organization",
      params: OrganizationApplicationParams,
      body: MemberRolesReplaceBody,
      status: 204,
      response: z.undefined(),
    },
    async ({ params, body }) => {
      await service.setMemberRoles(deps, 'application', params.id, params.applicationId, body, 'replace');
    },
  );
  registry.add(
    router,
    {
      method: 'delete',
      path: '/organizations/:id/applications/:applicationId/roles/:organizationRoleId',
      tag,
      summary: 'Remove an organization role from an application',
      params: OrganizationApplicationRoleParams,
      status: 204,
      response: z.undefined(),
    },
    ({ params }) => service.removeMemberRole(deps, 'application', params.id, params.applicationId, params.organizationRoleId),
  );
}

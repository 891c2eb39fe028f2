import { z } from 'zod';
import * as service from '../services/organizations/index.ts';
import type { RouteDeps } from './context.ts';
import {
  OrganizationRoleCreateBody,
  OrganizationRoleListQuery,
  OrganizationRoleResponse,
  OrganizationRoleUpdateBody,
  OrganizationRoleWithScopesResponse,
  searchOf,
} from './organization-schemas.ts';
import { IdParams, pageOf } from './schemas.ts';

/** The organization template's roles; `type` says whether users or machine apps hold them. */
export function organizationRoleRoutes(deps: RouteDeps): void {
  const { router, registry } = deps;
  const tag = 'Organization roles';
  registry.add(
    router,
    {
      method: 'get',
      path: '/organization-roles',
      tag,
      summary: 'List organization roles with the scopes they grant',
      query: OrganizationRoleListQuery,
      response: OrganizationRoleWithScopesResponse,
      paged: true,
    },
    ({ query }) => service.listOrganizationRoles(deps, pageOf(query), { search: searchOf(query), type: query.type }),
  );
  registry.add(
    router,
    {
      method: 'post',
      path: '/organization-roles',
      tag,
      summary: 'Create an organization role (optionally with organizationScopeIds and resourceScopeIds)',
      body: OrganizationRoleCreateBody,
      response: OrganizationRoleResponse,
      status: 201,
    },
    ({ body }) => service.createOrganizationRole(deps, body),
  );
  registry.add(
    router,
    {
      method: 'get',
      path: '/organization-roles/:id',
      tag,
      summary: 'Get an organization role',
      params: IdParams,
      response: OrganizationRoleResponse,
    },
    ({ params }) => service.getOrganizationRole(deps, params.id),
  );
  registry.add(
    router,
    {
      method: 'patch',
      path: '/organization-roles/:id',
      tag,
      summary: 'Update an organization role',
      params: IdParams,
      body: OrganizationRoleUpdateBody,
      response: OrganizationRoleResponse,
    },
    ({ params, body }) => service.updateOrganizationRole(deps, params.id, body),
  );
  registry.add(
    router,
    {
      method: 'delete',
      path: '/organization-roles/:id',
      tag,
      summary: 'Delete an organization role (every holder in every organization loses it)',
      params: IdParams,
      status: 204,
      response: z.undefined(),
    },
    ({ params }) => service.deleteOrganizationRole(deps, params.id),
  );
}
